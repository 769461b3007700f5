#!/usr/bin/env bash
# Installs the Debian packages Hyperpage builds and tests with, when they are missing.
# Needs root (as on the project's machines); does nothing when everything is there.
set -euo pipefail
need=()
for pkg in libcurl4-openssl-dev libyaml-dev libhiredis-dev libpq-dev libssl-dev redis-server postgresql; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
