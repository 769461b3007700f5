#!/usr/bin/env bash
# Runs one command with throwaway Redis and PostgreSQL servers on loopback (see
# test-services.sh), e.g. `bash scripts/with-test-services.sh swift test --skip-build --filter Redis`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-services.sh
start_test_services
"$@"
