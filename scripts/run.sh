#!/usr/bin/env bash
# Builds Hyperpage (release) and runs it. With no arguments it runs the built-in demo;
# otherwise the arguments go to the `hyperpage` command line, e.g.
#   scripts/run.sh graphql execute --schema S.graphql --data D.json query.graphql
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
swift build -c release --product hyperpage >&2
if [ "$#" -eq 0 ]; then set -- demo; fi
exec .build/release/hyperpage "$@"
