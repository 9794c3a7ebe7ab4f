#!/usr/bin/env bash
# Runs every test: builds with warnings as errors, starts a throwaway PostgreSQL (unless
# CHATOPS_TEST_POSTGRES points at one), finds Chromium for the browser tests, runs the suite,
# and cleans up. Exits non-zero if anything fails; nothing is skipped for a missing dependency.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet is not on PATH: install the .NET 10 SDK." >&2
  exit 3
fi

if [ -z "${CHATOPS_TEST_POSTGRES:-}" ]; then
  eval "$(infra/postgres/pg-local.sh start)"
  trap 'infra/postgres/pg-local.sh stop "$CHATOPS_PG_DIR"' EXIT
  echo "PostgreSQL for the tests: $CHATOPS_TEST_POSTGRES"
fi
export CHATOPS_TEST_POSTGRES

# The browser tests drive Debian's Chromium (CHATOPS_CHROMIUM overrides the path). Install it
# when missing and we are root; otherwise stop here with the fix rather than fail later.
CHATOPS_CHROMIUM="${CHATOPS_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHATOPS_CHROMIUM" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium for the browser tests (apt-get install chromium)..."
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q chromium >/tmp/chatops-chromium-install.log 2>&1; then
      apt-get update -q >>/tmp/chatops-chromium-install.log 2>&1
      apt-get install -y -q chromium >>/tmp/chatops-chromium-install.log 2>&1 || {
        echo "Could not install chromium (log: /tmp/chatops-chromium-install.log)." >&2; exit 3; }
    fi
  fi
  if [ ! -x "$CHATOPS_CHROMIUM" ]; then
    echo "Chromium is missing at $CHATOPS_CHROMIUM: install Debian's chromium (sudo apt-get install -y chromium) or set CHATOPS_CHROMIUM to a Chromium binary." >&2
    exit 3
  fi
fi
export CHATOPS_CHROMIUM
echo "Chromium for the browser tests: $CHATOPS_CHROMIUM"

dotnet build ChatOps.sln -c Release -warnaserror -nologo -v quiet
dotnet test ChatOps.sln -c Release --no-build -nologo "$@"
