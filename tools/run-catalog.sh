#!/usr/bin/env bash
# Sets up and builds (tools/setup.sh), then checks the bundled scenarios against their
# expectations and the committed lock-order baseline (a new cycle fails the run). Traces of every
# finding go to build/catalog-traces/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash tools/setup.sh
exec ./build/resvcheck check scenarios/catalog --baseline scenarios/lockgraph.baseline.json \
  --traces build/catalog-traces "$@"
