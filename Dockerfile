# Container image for the workforce-credentials service.
#
# One image, two processes:
#   API (default CMD):  node dist/api/main.js      (runs MikroORM migrations at start-up)
#   Temporal worker:    node dist/worker/main.js   (override the command)
#
# Node 22 LTS is required at runtime, not just preferred: the argon2 prebuilt
# binary shipped in the npm package targets N-API 10 (Node >= 22.14), so no
# compiler toolchain is needed in the image.
#
# Only classic Dockerfile syntax is used (no RUN --mount, no heredocs), so the
# file builds with BuildKit and with the legacy builder (docker-compose v1).

ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

# --- build: full install (dev dependencies included), compile, bundle workflows
FROM base AS build
# Manifests first so the dependency layer is reused until they change.
# `npm ci` installs exactly package-lock.json (which lists every optional
# platform binary, so it is complete for linux/amd64 and arm64 alike).
# Install scripts are skipped: package.json's `allowScripts`
# allows none, and npm 10 (bundled with Node 22) does not read that field, so
# --ignore-scripts gives the same policy on every npm version. Native modules
# (argon2, @temporalio/core-bridge, esbuild, @swc/core) load their prebuilt or
# per-platform binaries without their install scripts.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
# `npm run build`: tsc -p tsconfig.build.json -> dist/, fonts/ -> dist/fonts/, the
# workflow bundle dist/workflow-bundle.js, and the admin console (Vite) -> dist/console/dist
# (tsx, maildev, Vite and React are dev dependencies only). assets/ is optional in the repository; create an
# empty directory in this stage only so the runtime COPY below always works.
RUN npm run build \
 && mkdir -p assets

# --- runtime: production dependencies + build output only
FROM base AS runtime
# argon2 allocates 19 MiB per hash on libuv's threads; with glibc's default of one heap per thread that
# memory stays with each thread (worker RSS 489 → 352 MiB during a bulk run with clicks, BENCH.md).
ENV NODE_ENV=production \
    MALLOC_ARENA_MAX=2
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts \
 && rm -rf /root/.npm /tmp/*
# Least frequently changed first. Files stay owned by root (read-only for the
# app user).
COPY --from=build /app/assets ./assets
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/dist ./dist

# Unprivileged user provided by the official Node images (uid 1000).
USER node
EXPOSE 3000
# No HEALTHCHECK here: the worker uses this image too and serves no HTTP.
# docker-compose.yml defines the API health check.
CMD ["node", "dist/api/main.js"]
