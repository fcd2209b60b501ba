#!/usr/bin/env bash
# Sets up and builds (tools/setup.sh), then runs the test suite. CTest's summary is the last output.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash tools/setup.sh
exec ctest --test-dir build --output-on-failure -j"$(nproc)"
