import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { adminPassword, companyCode, createHarness, publicBaseUrl, type Harness } from './support/harness';
import { adminToken, createAccount, eventually } from './support/api';

/** One span as an OTLP/HTTP receiver gets it (ExportTraceServiceRequest in the protocol's JSON encoding). */
interface ReceivedSpan {
  service: string;
  scope: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
}
interface ExportTraceServiceRequest {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: {
      scope?: { name?: string };
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind: number;
        attributes?: OtlpAttribute[];
      }[];
    }[];
  }[];
}

const attributes = (list: OtlpAttribute[] = []): Record<string, unknown> =>
  Object.fromEntries(list.map(({ key, value }) => [key, Object.values(value)[0]]));

/** An OTLP/HTTP trace receiver (http/json): decodes each export request as a collector would and keeps the spans. */
async function startOtlpReceiver(): Promise<{
  url: string;
  spans: ReceivedSpan[];
  requests: string[];
  server: Server;
}> {
  const spans: ReceivedSpan[] = [];
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push(`${req.method} ${req.url} ${req.headers['content-type']}`);
      if (req.method !== 'POST' || req.url !== '/v1/traces' || !req.headers['content-type']?.includes('json')) {
        res.writeHead(415).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ExportTraceServiceRequest;
      for (const resourceSpans of body.resourceSpans ?? []) {
        const service = String(attributes(resourceSpans.resource?.attributes)['service.name']);
        for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
          for (const span of scopeSpans.spans ?? []) {
            spans.push({
              service,
              scope: scopeSpans.scope?.name ?? '',
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId ?? '',
              name: span.name,
              kind: span.kind,
              attributes: attributes(span.attributes),
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, requests, server };
}

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((done) => probe.close(done));
  return port;
}

/** The API or the worker as its own process (as in production), its JSON log lines kept. */
function startProcess(entry: string, env: Record<string, string>): { child: ChildProcess; lines: string[] } {
  const lines: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: resolve(__dirname, '..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const text = pending + chunk.toString('utf8');
    const parts = text.split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts.filter((line) => line.startsWith('{')));
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM') console.error(`${entry} ended (${code ?? signal}): ${stderr}`);
  });
  return { child, lines };
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

const parsed = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

let h: Harness;
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let api: ReturnType<typeof startProcess> | undefined;
let worker: ReturnType<typeof startProcess> | undefined;
let apiUrl: string;

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
  // The worker of this test is the traced process below, not the harness's own.
  await h.stopWorker();
  receiver = await startOtlpReceiver();
  const port = await freePort();
  apiUrl = `http://127.0.0.1:${port}`;
  const common = {
    DATABASE_URL: h.db.url,
    TEMPORAL_ADDRESS: h.env.address,
    SMTP_URL: h.smtp.url,
    PUBLIC_BASE_URL: publicBaseUrl,
    SERVICE_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    LOG_LEVEL: 'info',
    // The standard variables, nothing of the service's own: OTLP over HTTP in its JSON encoding, sent soon.
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_BSP_SCHEDULE_DELAY: '200',
  };
  worker = startProcess('worker/main.ts', {
    ...common,
    WORKFLOW_BUNDLE_PATH: process.env.TEST_WORKFLOW_BUNDLE!,
    WORKER_METRICS_PORT: '0',
    TEMPORAL_METRICS_ADDRESS: '',
  });
  api = startProcess('api/main.ts', {
    ...common,
    PORT: String(port),
    BOOTSTRAP_COMPANY_CODE: companyCode,
    BOOTSTRAP_COMPANY_NAME: 'アクメ株式会社',
    ADMIN_PASSWORD: adminPassword,
  });
  await eventually(async () => {
    expect((await fetch(`${apiUrl}/healthz`)).status).toBe(200);
  }, 60_000);
  await eventually(async () => {
    expect(parsed(worker!.lines).some((line) => line.msg === 'workers running')).toBe(true);
  }, 60_000);
});

afterAll(async () => {
  await stop(api?.child);
  await stop(worker?.child);
  receiver?.server.close();
  await h?.teardown();
});

describe('a trace of one bulk run', () => {
  it('reaches the OTLP receiver from the POST through the workflow and its activity to each mail and query, under the caller’s trace id', async () => {
    const admin = await adminToken(h);
    const codes = ['T0001', 'T0002'];
    for (const code of codes) await createAccount(h, admin, { code, emails: [`${code.toLowerCase()}@example.test`] });

    // The caller's W3C trace context is accepted: the whole run joins its trace.
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpanId = '00f067aa0ba902b7';
    const response = await fetch(`${apiUrl}/api/email-issuances/bulk`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${admin}`,
        'content-type': 'application/json',
        traceparent: `00-${traceId}-${callerSpanId}-01`,
        'x-request-id': 'trace-bulk-run-0001',
      },
      body: JSON.stringify({ accounts: codes.map((code) => ({ code, emailSlot: 1 })) }),
    });
    expect(response.status).toBe(202);
    const { runId } = (await response.json()) as { runId: string };

    await eventually(async () => {
      expect(
        h.smtp.mails.filter((mail) => codes.some((code) => mail.to.includes(`${code.toLowerCase()}@example.test`))),
      ).toHaveLength(2);
    }, 60_000);

    const ofTrace = () => receiver.spans.filter((span) => span.traceId === traceId);
    const expected = {
      apiRequest: (s: ReceivedSpan) =>
        s.service === 'workforce-api' &&
        s.kind === 2 &&
        s.name === 'POST /api/email-issuances/bulk' &&
        s.attributes['http.route'] === '/api/email-issuances/bulk' &&
        s.parentSpanId === callerSpanId &&
        JSON.stringify(s.attributes['http.response.header.x-request-id']).includes('trace-bulk-run-0001'),
      apiQuery: (s: ReceivedSpan) => s.service === 'workforce-api' && s.attributes['db.system'] === 'postgresql',
      workflowStart: (s: ReceivedSpan) => s.service === 'workforce-api' && s.name === 'StartWorkflow:bulkEmailIssuance',
      workflow: (s: ReceivedSpan) => s.service === 'workforce-worker' && s.name === 'RunWorkflow:bulkEmailIssuance',
      activity: (s: ReceivedSpan) => s.service === 'workforce-worker' && s.name === 'RunActivity:startBulkChunk',
      activityQuery: (s: ReceivedSpan) =>
        s.service === 'workforce-worker' && s.attributes['db.system'] === 'postgresql',
    };
    const found = await eventually(async () => {
      const spans = ofTrace();
      const missing = Object.entries(expected)
        .filter(([, matches]) => !spans.some(matches))
        .map(([name]) => name);
      expect(missing).toEqual([]);
      const mails = spans.filter((s) => s.service === 'workforce-worker' && s.name === 'smtp send');
      expect(mails).toHaveLength(2);
      // The chunk sent both mails: neither employee has a workflow until the click.
      expect(spans.filter((s) => s.name === 'StartWorkflow:emailIssuance')).toEqual([]);
      return spans;
    }, 30_000);

    // One tree: every span but the API's request span has its parent in the trace.
    const ids = new Set(found.map((span) => span.spanId));
    const orphans = found.filter((span) => span.parentSpanId !== callerSpanId && !ids.has(span.parentSpanId));
    expect(orphans.map((span) => `${span.service} ${span.name}`)).toEqual([]);
    const byId = new Map(found.map((span) => [span.spanId, span]));
    const ancestors = (span: ReceivedSpan): string[] => {
      const parent = byId.get(span.parentSpanId);
      return parent ? [parent.name, ...ancestors(parent)] : [];
    };
    for (const mail of found.filter((s) => s.name === 'smtp send')) {
      expect(ancestors(mail)).toEqual(
        expect.arrayContaining(['RunActivity:startBulkChunk', 'RunWorkflow:bulkEmailIssuance']),
      );
    }

    // The trace id is on the log lines of both processes: the API's line for the request (with the run it
    // started) and the worker's lines of the mails.
    const apiLine = parsed(api!.lines).find(
      (line) => line.msg === 'request completed' && (line.req as { id?: string }).id === 'trace-bulk-run-0001',
    );
    expect(apiLine).toMatchObject({ traceId, runId });
    const workerLines = parsed(worker!.lines).filter((line) => line.traceId === traceId);
    expect(workerLines.length).toBeGreaterThan(0);
  });

  it('is off unless the standard OTEL_* variables ask for an OTLP export', async () => {
    const { telemetryRequested } = await import('../lib/telemetry');
    expect(telemetryRequested({})).toBe(false);
    expect(telemetryRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SDK_DISABLED: 'true' })).toBe(false);
    expect(telemetryRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
    expect(telemetryRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces` })).toBe(true);
  });
});
