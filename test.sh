#!/usr/bin/env bash
# Runs Monitor's whole test suite: unit and integration tests over Monitor.sln.
# Usage: ./test.sh [extra dotnet test arguments], e.g. ./test.sh --filter Category=Unit
set -euo pipefail
cd "$(dirname "$0")"

step() { printf '==> %s\n' "$*"; }
fail() { printf 'test.sh: %s\n' "$*" >&2; exit 1; }

command -v dotnet >/dev/null 2>&1 || fail "the .NET SDK is not installed (dotnet not on PATH); see global.json for the version"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results="TestResults"
rm -rf "$results"

step "Building Monitor.sln (Release)"
dotnet build Monitor.sln -c Release -nologo -v quiet || fail "build failed (see the compiler errors above)"

step "Running tests"
status=0
dotnet test Monitor.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || status=$?

# One closing line over every test assembly, from the TRX reports.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  p=$(get passed); f=$(get failed); t=$(get total); e=$(get executed)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
echo
echo "Test summary: ${passed} passed, ${failed} failed, ${skipped} skipped"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ]; then
  fail "dotnet test exited with $status"
fi
if [ "$passed" -eq 0 ]; then
  fail "no test ran"
fi
