#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine.
#
# The first available tool is used:
#   1. `docker-compose config -q` (the standalone binary, e.g. Debian's
#      docker-compose package): full Compose parsing and interpolation.
#   2. `docker compose config -q` (Compose CLI plugin): the same checks.
#   3. `npx --no-install dclint` (devDependency): YAML and Compose schema
#      validation plus the lint rules configured in .dclintrc.yml; warnings fail
#      the check too (--max-warnings 0).
# Exits non-zero on any error.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

compose_file=docker-compose.yml

# docker-compose.yml requires SERVICE_SECRET_KEY (${SERVICE_SECRET_KEY:?...}).
# Use a dummy value so validation never needs, or prints, a real secret.
export SERVICE_SECRET_KEY=check-compose-dummy-secret

if command -v docker-compose >/dev/null 2>&1; then
  echo "check-compose: docker-compose config -q ($(docker-compose version --short 2>/dev/null || echo unknown version))"
  docker-compose -f "$compose_file" config -q
elif command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  echo "check-compose: docker compose config -q ($(docker compose version --short 2>/dev/null || echo unknown version))"
  docker compose -f "$compose_file" config -q
else
  echo "check-compose: no Docker Compose CLI found; using dclint ($(npx --no-install dclint --version 2>/dev/null || echo unknown version))"
  npx --no-install dclint --config .dclintrc.yml --max-warnings 0 "$compose_file"
fi

echo "check-compose: $compose_file is valid"
