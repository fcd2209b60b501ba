#!/usr/bin/env bash
# apt-install.sh WHO PACKAGE...: installs whichever of the Debian packages is missing, with
# apt-get (as root, or through sudo), so the scripts work on a fresh Debian 12 machine. WHO
# prefixes its messages. Off Debian (no dpkg-query) it assumes they are installed and says so.
set -euo pipefail
who=$1
shift
packages=("$@")

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "$who: no dpkg-query (not Debian?); assuming these are installed: ${packages[*]}" >&2
  exit 0
fi
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
((${#missing[@]})) || exit 0
echo "$who: installing ${missing[*]}"
sudo=()
if [[ "$(id -u)" -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || {
    echo "$who: not root and no sudo; install: ${missing[*]}" >&2
    exit 1
  }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update
"${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
