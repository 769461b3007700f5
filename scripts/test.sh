#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing, starts throwaway Redis and PostgreSQL
# servers on loopback, runs the swift-testing suites, then (when ../shared is present, as on
# CI) the external GraphQL conformance corpus against the freshly built binary. The servers
# are stopped and their data deleted on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
source scripts/test-services.sh
swift build --build-tests
start_test_services
# Suites that run several server processes load the machine; they run on their own after the
# rest, so the rest's timing checks do not share two cores with them.
heavy='TwoPodTests|ClusterProcessTests|ClusterWarmQueryTests|ClusterReloadTests|ServeProcessTests|OverrideClusterTests'
swift test --skip-build --skip "$heavy"
swift test --skip-build --filter "$heavy"
# The product runs as a release build (scripts/run.sh): smoke-test that build end to end, since
# -O has miscompiled code that passed every debug test (see GitHubConnector.reviews).
swift build -c release --product hyperpage
.build/release/hyperpage demo --once > /dev/null
if [ -f ../shared/conformance/run.py ] && command -v python3 >/dev/null; then
  python3 ../shared/conformance/run.py --bin .build/debug/hyperpage
fi
