import { accessSync, constants } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

const projectRoot = resolve(__dirname, '..');

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/**
 * The real binary (not a wrapper script), so that stopping it stops the server: an explicit
 * environment variable first, then the project's .tools/venv (installed by scripts/setup.sh), then PATH.
 */
function locate(envName: string, binary: string): string | undefined {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  const inVenv = join(projectRoot, '.tools', 'venv', 'bin', binary);
  if (executable(inVenv)) return inVenv;
  return findOnPath(binary);
}

export function temporalCliPath(): string | undefined {
  return locate('TEMPORAL_CLI_BIN', 'temporal');
}

export function temporalTestServerPath(): string | undefined {
  return locate('TEMPORAL_TEST_SERVER_BIN', 'temporal-test-server');
}

/** The Python checker of OpenAPI documents that scripts/setup.sh installs beside the Temporal binaries. */
export function openApiSpecValidatorPath(): string | undefined {
  return locate('OPENAPI_SPEC_VALIDATOR_BIN', 'openapi-spec-validator');
}

/** The SCIM compliance checker (`scim2 test`, PyPI scim2-cli) that scripts/setup.sh installs the same way. */
export function scimCliPath(): string | undefined {
  return locate('SCIM2_CLI_BIN', 'scim2');
}

export function requireBinary(path: string | undefined, what: string): string {
  if (!path) throw new Error(`${what} not found: run "bash scripts/setup.sh" (or put it on PATH)`);
  return path;
}
