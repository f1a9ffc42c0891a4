#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs the Go releases the differential tests
# compare against (1.19, 1.22, 1.23, 1.26, 1.27) and the inspection tools, the npm
# dependencies, builds, then runs every test with node's test runner.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system.sh --tests
npm ci --no-audit --no-fund
npm test
