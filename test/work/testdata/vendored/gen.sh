#!/bin/sh
# Regenerates go.sum and vendor/ from the file:// proxy in ../proxy.
set -e
cd "$(dirname "$0")"
export GOTOOLCHAIN=local GOFLAGS=-mod=mod GOPROXY="file://$(cd ../proxy && pwd)" GOSUMDB=off
go mod tidy
GOFLAGS= go mod vendor
