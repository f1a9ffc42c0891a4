#!/usr/bin/env bash
# Installs what crossgo needs from Debian on a fresh bookworm machine (root). Idempotent.
#
#   scripts/install-system.sh [--tests]
#
# Without flags: Go 1.27 (the current release) only. With --tests: also the older Go
# releases the differential tests compare against, and the inspection tools.
#
# trixie and trixie-backports are added with a low apt pin (100 < the default 500), so only
# packages asked for by name (pkg/suite) come from them and nothing else on the machine moves.
set -euo pipefail

want_tests=0
for a in "$@"; do
  case "$a" in
    --tests) want_tests=1 ;;
    *) echo "install-system.sh: unknown flag $a (use --tests)" >&2; exit 2 ;;
  esac
done

sudo_=""
if [ "$(id -u)" != 0 ]; then sudo_="sudo"; fi

list=/etc/apt/sources.list.d/crossgo-go.sources
if [ ! -f "$list" ]; then
  $sudo_ tee "$list" >/dev/null <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports trixie trixie-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
pin=/etc/apt/preferences.d/crossgo-go
if [ ! -f "$pin" ]; then
  $sudo_ tee "$pin" >/dev/null <<'PIN'
# crossgo: take from trixie only what is asked for by name.
Package: *
Pin: release n=trixie
Pin-Priority: 100

Package: *
Pin: release n=trixie-backports
Pin-Priority: 100

Package: *
Pin: release n=bookworm-backports
Pin-Priority: 100
PIN
fi

pkgs=()
need() { # need PKG[/SUITE]: queue it unless dpkg says it is installed
  local name="${1%%/*}"
  if [ "$(dpkg-query -W -f='${Status}' "$name" 2>/dev/null)" != "install ok installed" ]; then pkgs+=("$1"); fi
}
need golang-1.27-go/trixie-backports
need golang-1.27-src/trixie-backports
if [ "$want_tests" = 1 ]; then
  need golang-1.19-go
  need golang-1.22-go/bookworm-backports
  need golang-1.23-go/bookworm-backports
  need golang-1.26-go/trixie-backports
  # Sources only: internal/platform/supported.go of every release since it exists, for the
  # port-rules oracle (test/platform/rules.test.ts).
  need golang-1.21-src/bookworm-backports
  need golang-1.24-src/trixie
  need golang-1.25-src/trixie-backports
  need binutils-multiarch
  need file
  need gcc
  need git
  need qemu-user
  need clang
  need llvm
fi

if [ "${#pkgs[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $sudo_ apt-get update -qq
  $sudo_ apt-get install -y -qq --no-install-recommends "${pkgs[@]}"
fi
