#!/usr/bin/env bash
# One-command set-up on a fresh Debian bookworm machine (root, Node 20): installs Go 1.27 from
# trixie-backports (low apt pin), the npm dependencies, builds crossgo, and runs its main job on
# the bundled example program examples/hello: lists and resolves its targets, then builds it
# for the first-class ports into examples/hello/dist (binaries, SHA256SUMS, manifest.json).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system.sh
npm ci --no-audit --no-fund
npm run build
cd examples/hello
crossgo() { node ../../bin/crossgo.js "$@"; }
crossgo env
crossgo targets --long first-class
crossgo resolve linux/arm/v6
crossgo build --reproducible --targets first-class -o dist .
