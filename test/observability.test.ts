import type { AddressInfo } from 'node:net';
import { finishBulkRun } from '../domain/issuance/bulk-run-progress';
import { startMetricsServer } from '../worker/metrics-server';
import { adminToken, createAccount, eventually, startIssuance } from './support/api';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  admin = await adminToken(h);
});

afterAll(async () => {
  await h?.teardown();
});

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The value of one sample of the Prometheus text format, or undefined when the series is absent. */
function sample(metrics: string, series: string): number | undefined {
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('request ids', () => {
  it('keeps a valid incoming x-request-id, replaces an invalid one, and makes one when there is none', async () => {
    const kept = await h.http.get('/healthz').set('x-request-id', 'lb-7f3a9c21.req:42');
    expect(kept.headers['x-request-id']).toBe('lb-7f3a9c21.req:42');
    const replaced = await h.http.get('/healthz').set('x-request-id', 'bad id\twith "quotes"');
    expect(replaced.headers['x-request-id']).toMatch(uuid);
    const made = await h.http.get('/healthz');
    expect(made.headers['x-request-id']).toMatch(uuid);
    expect(made.headers['x-request-id']).not.toBe(replaced.headers['x-request-id']);
  });

  it('puts the id in the error body and in every log line of the request, including the handler’s own', async () => {
    const missing = await h.http.get('/api/no-such-thing').set('x-request-id', 'trace-missing-0001');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'ROUTE_NOT_FOUND', requestId: 'trace-missing-0001' });
    const invalid = await h.http.post('/api/auth/login').set('x-request-id', 'trace-invalid-0001').send({});
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({ code: 'VALIDATION_FAILED', requestId: 'trace-invalid-0001' });

    await createAccount(h, admin, { code: 'O0001' });
    const requestId = 'trace-unlock-0001';
    const before = h.logLines.length;
    const unlocked = await h.http
      .delete('/api/accounts/O0001/lockout')
      .set('Authorization', `Bearer ${admin}`)
      .set('x-request-id', requestId);
    expect(unlocked.status).toBeLessThan(300);
    const lines = h.logLines.slice(before).map((line) => JSON.parse(line) as Record<string, unknown>);
    const audit = lines.find((line) => line.event === 'account.unlock');
    expect(audit).toMatchObject({ requestId });
    const completed = lines.find((line) => line.msg === 'request completed');
    expect(completed).toMatchObject({ req: { id: requestId, method: 'DELETE' } });
    for (const line of lines.filter((l) => l.requestId !== undefined)) expect(line.requestId).toBe(requestId);
  });

  it('carries the request id to the worker: the workflow’s activities and a bulk run’s employees log it', async () => {
    await createAccount(h, admin, { code: 'O0005', password: undefined, emails: ['single-log@example.test'] });
    await createAccount(h, admin, { code: 'O0006', password: undefined, emails: ['bulk-id-log@example.test'] });
    const single = await h.http
      .post('/api/accounts/O0005/email-issuances')
      .set('Authorization', `Bearer ${admin}`)
      .set('x-request-id', 'carry-single-0001')
      .send({});
    expect(single.status).toBe(202);
    const bulk = await h.http
      .post('/api/email-issuances/bulk')
      .set('Authorization', `Bearer ${admin}`)
      .set('x-request-id', 'carry-bulk-0001')
      .send({ accounts: [{ code: 'O0006', emailSlot: 1 }] });
    expect(bulk.status).toBe(202);
    const issuanceOf = async (code: string) =>
      (await h.http.get(`/api/accounts/${code}/issuances`).set('Authorization', `Bearer ${admin}`)).body.items[0]
        .id as string;
    const workerLine = async (issuanceId: string) =>
      eventually(async () => {
        const line = h.logLines
          .map((text) => JSON.parse(text) as Record<string, unknown>)
          .find((entry) => entry.event === 'verification-mail-sent' && entry.issuanceId === issuanceId);
        expect(line).toBeDefined();
        return line!;
      });
    expect(await workerLine(await issuanceOf('O0005'))).toMatchObject({ requestId: 'carry-single-0001' });
    expect(await workerLine(await issuanceOf('O0006'))).toMatchObject({ requestId: 'carry-bulk-0001' });
  });

  it('names the run a bulk request started on the request’s own log line', async () => {
    await createAccount(h, admin, { code: 'O0004', emails: ['bulk-log@example.test'] });
    const before = h.logLines.length;
    const started = await h.http
      .post('/api/email-issuances/bulk')
      .set('Authorization', `Bearer ${admin}`)
      .set('x-request-id', 'trace-bulk-0001')
      .send({ accounts: [{ code: 'O0004', emailSlot: 1 }] });
    expect(started.status).toBe(202);
    const lines = h.logLines.slice(before).map((line) => JSON.parse(line) as Record<string, unknown>);
    const completed = lines.find((line) => line.msg === 'request completed');
    expect(completed).toMatchObject({ req: { id: 'trace-bulk-0001', method: 'POST' }, runId: started.body.runId });
    // The run ends before the metrics tests count sends and runs.
    await eventually(async () => {
      const run = await h.http
        .get(`/api/email-issuances/bulk/${started.body.runId}`)
        .set('Authorization', `Bearer ${admin}`);
      expect(run.body.finishedAt).not.toBeNull();
    }, 60_000);
  });
});

describe('health, readiness and metrics', () => {
  it('answers /healthz and /readyz (database and Temporal reachable)', async () => {
    expect((await h.http.get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await h.http.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { database: 'ok', temporal: 'ok' } });
  });

  it('counts HTTP latency by route pattern, issuance steps and mail sends in Prometheus format', async () => {
    await createAccount(h, admin, { code: 'O0002', emails: ['metrics@example.test'] });
    const metricsBefore = (await h.http.get('/metrics')).text;
    const started = (s: string) => sample(s, 'issuances_started_total{channel="email"}') ?? 0;
    const sent = (s: string) => sample(s, 'issuances_sent_total{channel="email"}') ?? 0;
    expect((await startIssuance(h, admin, 'O0002')).status).toBe(202);
    await h.smtp.waitFor((mail) => mail.to.includes('metrics@example.test'));

    const metrics = await eventually(async () => {
      const res = await h.http.get('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(sent(res.text)).toBe(sent(metricsBefore) + 1);
      return res.text;
    });
    expect(started(metrics)).toBe(started(metricsBefore) + 1);
    expect(metrics).toMatch(
      /^http_request_duration_seconds_count\{method="POST",route="\/api\/accounts\/:code\/email-issuances",status_code="202"\} [1-9]/m,
    );
    expect(metrics).toMatch(/^mail_send_duration_seconds_count\{outcome="sent"\} [1-9]/m);
    expect(metrics).toContain('# TYPE mail_send_failures_total counter');
    expect(metrics).toContain('# TYPE bulk_run_duration_seconds histogram');
    // Concrete paths (account codes, tokens) never become labels.
    expect(metrics).not.toContain('route="/api/accounts/O0002');
  });

  it('counts a finished bulk run in bulk_run_duration_seconds once, from the run’s end transition', async () => {
    const count = (s: string) => sample(s, 'bulk_run_duration_seconds_count') ?? 0;
    const before = count((await h.http.get('/metrics')).text);
    await createAccount(h, admin, { code: 'O0003', emails: ['bulk-metrics@example.test'] });
    const started = await h.http
      .post('/api/email-issuances/bulk')
      .set('Authorization', `Bearer ${admin}`)
      .send({ accounts: [{ code: 'O0003', emailSlot: 1 }] });
    expect(started.status).toBe(202);
    const { runId } = started.body as { runId: string };
    await eventually(async () => {
      const run = await h.http.get(`/api/email-issuances/bulk/${runId}`).set('Authorization', `Bearer ${admin}`);
      expect(run.body.finishedAt).not.toBeNull();
    }, 60_000);
    const after = await eventually(async () => {
      const text = (await h.http.get('/metrics')).text;
      expect(count(text)).toBe(before + 1);
      return text;
    });
    expect(sample(after, 'bulk_run_duration_seconds_sum')).toBeGreaterThan(0);
    // The workflow's end is recorded once: a second finish of the same run (a retried activity) counts nothing.
    await finishBulkRun(h.db.orm.em.fork(), runId);
    expect(count((await h.http.get('/metrics')).text)).toBe(before + 1);
  });

  it('serves the worker’s metrics on a port of its own, with /healthz, /readyz and 404 for other paths', async () => {
    let ready = false;
    const server = await startMetricsServer(0, () => ready, '127.0.0.1');
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain('# TYPE mail_send_duration_seconds histogram');
      expect(text).toContain('# TYPE issuances_issued_total counter');
      const status = async (path: string) => (await fetch(`http://127.0.0.1:${port}${path}`)).status;
      expect(await status('/healthz')).toBe(200);
      expect(await status('/readyz')).toBe(503);
      ready = true;
      expect(await status('/readyz')).toBe(200);
      expect(await status('/')).toBe(404);
      expect(await status('/healthz/anything')).toBe(404);
    } finally {
      server.close();
    }
  });
});
