#!/usr/bin/env bash
# One command for a newcomer: installs what is missing, then runs the whole service locally
# (Temporal dev server, MailDev, API, worker) with demo data, until Ctrl-C.
#   bash scripts/up.sh
# Everything it keeps between runs lives in .data/ (git-ignored). Settings: see scripts/dev-up.ts.
set -euo pipefail
cd "$(dirname "$0")/.."

# The time-skipping test server is for the test suite only; skip its download here.
SETUP_TEST_SERVER=0 bash scripts/setup.sh

# exec, and node with tsx's loader rather than the tsx CLI: the supervisor takes this shell's place with no
# wrapper process in between, so Ctrl-C and SIGTERM reach it, and its parent is whatever started this
# script. package.json's `exec bash scripts/up.sh` removes npm's `sh -c` too, so npm passes a SIGTERM straight
# to the supervisor; if npm dies some other way the supervisor notices it is orphaned and stops everything.
exec node --import tsx scripts/dev-up.ts "$@"
