#!/usr/bin/env bash
# Sets up and builds (tools/setup.sh), then checks the bundled scenarios.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash tools/setup.sh
exec ./build/resvcheck check scenarios/catalog
