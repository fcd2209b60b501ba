#!/usr/bin/env bash
# Installs the build dependencies (Debian 12) if any is missing, then configures and builds
# into build/. Idempotent; with everything installed it only runs an incremental build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

packages=(cmake g++ make pkg-config libcpputest-dev libboost-context-dev nlohmann-json3-dev
          libcli11-dev libfmt-dev)

bash tools/apt-install.sh setup "${packages[@]}"

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"
