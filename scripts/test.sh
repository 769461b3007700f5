#!/usr/bin/env bash
# Runs the whole test suite: the swift-testing suites, then (when ../shared is present, as on
# CI) the external GraphQL conformance corpus against the freshly built binary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
swift build --build-tests
swift test --skip-build
if [ -f ../shared/conformance/run.py ] && command -v python3 >/dev/null; then
  python3 ../shared/conformance/run.py --bin .build/debug/hyperpage
fi
