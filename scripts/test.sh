#!/usr/bin/env bash
# Installs whatever is missing, then runs every check: types, lint, formatting, the compose file,
# and the whole Jest suite against real PostgreSQL, Temporal servers and an in-process SMTP server.
# Extra arguments go to Jest (e.g. `npm test -- test/email-issuance.test.ts`).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

SETUP_BROWSER=1 bash scripts/setup.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
step "typecheck (tsc --noEmit, the service and the console)"
npx tsc --noEmit -p .
npx tsc --noEmit -p console
step "lint (eslint)"
npx eslint --max-warnings 0 .
step "format (prettier --check)"
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }
echo "all files formatted"
step "docker-compose.yml"
bash scripts/check-compose.sh

step "tests (jest, three files at a time, longest first)"
mkdir -p .data/test
results=.data/test/jest-results.json
sdk_log=.data/test/temporal-sdk.log
rm -f "$results" "$sdk_log"
status=0
# Three files at a time on two cores: most of a file's time is spent waiting on Temporal timers, mails and the
# browser (every test passes under that load). The longest files start first (test/support/sequencer.js).
npx jest --maxWorkers=3 --json --outputFile="$results" "$@" || status=$?

if [ -f "$results" ]; then
  node -e '
    const r = require(process.argv[1]);
    console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
  ' "$(pwd)/$results"
fi
if [ "$status" -ne 0 ] && [ -s "$sdk_log" ]; then
  step "Temporal SDK warnings of this run (last 40 lines of $sdk_log)"
  tail -n 40 "$sdk_log"
fi
echo "test command took $(( $(date +%s) - started )) s"
exit $status
