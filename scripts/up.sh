#!/usr/bin/env bash
# One command for a newcomer: installs what is missing, then runs the whole service locally
# (Temporal dev server, MailDev, API, worker) with demo data, until Ctrl-C.
#   bash scripts/up.sh
# Everything it keeps between runs lives in .data/ (git-ignored). Settings: see scripts/dev-up.ts.
set -euo pipefail
cd "$(dirname "$0")/.."

# The time-skipping test server is for the test suite only; skip its download here.
SETUP_TEST_SERVER=0 bash scripts/setup.sh

# exec: the supervisor takes this shell's place, so Ctrl-C and SIGTERM reach it. tsx directly, not
# `npx tsx`: npm runs tsx through `sh -c` and, on SIGTERM, exits at once without passing the signal
# on, which would leave the supervisor and every server running. tsx relays it.
exec node_modules/.bin/tsx scripts/dev-up.ts "$@"
