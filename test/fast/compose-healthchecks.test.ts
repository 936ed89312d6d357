import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const composeText = readFileSync(resolve(__dirname, '../../docker-compose.yml'), 'utf8');

/**
 * The healthcheck block of one service as written in docker-compose.yml (read as text: the file's schema is
 * validated by scripts/check-compose.sh; this asserts what the probes ask).
 */
function healthcheckOf(service: string): string {
  const start = composeText.indexOf(`\n  ${service}:\n`);
  if (start < 0) throw new Error(`no service ${service}`);
  const next = composeText.slice(start + 1).search(/\n {2}[a-z][\w-]*:\n|\n[a-z]/);
  const block = composeText.slice(start, next < 0 ? undefined : start + 1 + next);
  const check = /\n {4}healthcheck:\n((?: {6}.*\n| *#.*\n)+)/.exec(block);
  return check?.[1] ?? '';
}

describe('docker-compose healthchecks', () => {
  it('probes the API on its port, /healthz', () => {
    expect(healthcheckOf('api')).toContain('http://127.0.0.1:3000/healthz');
  });

  it('probes the worker on its metrics port (WORKER_METRICS_PORT default), /readyz: healthy while its workers run', () => {
    expect(healthcheckOf('worker')).toContain('http://127.0.0.1:9464/readyz');
    expect(healthcheckOf('worker')).toMatch(/start_period: \d+s/);
  });
});
