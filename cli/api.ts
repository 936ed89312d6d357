import createClient, { type Client } from 'openapi-fetch';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { paths } from '../console/src/api/schema';
import { CliError, exitCodes, NoAnswer } from './cli-error';
import type { CliLanguage } from './messages';

/**
 * The service's HTTP API through the client typed from its OpenAPI document (openapi-fetch over the types the
 * console uses, console/src/api/schema.d.ts, `npm run console:api-types`): a changed route breaks `tsc`, not an
 * admin's script.
 */
export type Api = Client<paths>;

export function connect(url: string, token: string | undefined, language: CliLanguage): Api {
  const baseUrl = url.replace(/\/+$/, '');
  const api = createClient<paths>({ baseUrl });
  api.use({
    onRequest({ request }) {
      request.headers.set('Accept-Language', language);
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
    onError({ error }) {
      return error instanceof CliError ? error : new NoAnswer(baseUrl, error);
    },
  });
  return api;
}

interface ErrorBody {
  code?: string;
  message?: string;
  field?: string;
  issues?: { field: string; message: string }[];
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/** `CODE: message (field)`: the API's own code and the field at fault, for the admin and for scripts. */
function describe(status: number, error: unknown): string {
  const body = (error as { error?: ErrorBody } | undefined)?.error;
  if (!body?.code) return `HTTP_${status}: ${typeof error === 'string' ? error.slice(0, 500) : ''}`.trimEnd();
  const fields = body.issues?.length
    ? body.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')
    : (body.field ?? '');
  return `${body.code}: ${body.message ?? ''}${fields ? ` (${fields})` : ''}`;
}

/** The data of a 2xx answer; any other answer becomes a CliError (4xx: exit 2, 5xx: exit 1). */
export async function answer<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  throw new CliError(describe(response.status, error), response.status < 500 ? exitCodes.usage : exitCodes.failures);
}

/** A 2xx answer's body as a Node stream (a CSV or a PDF), to pipe where it belongs. */
export async function stream(call: Promise<Answer<unknown>>): Promise<Readable> {
  const body = await answer(call);
  if (!body) return Readable.from([]);
  return Readable.fromWeb(body as WebReadableStream<Uint8Array>);
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Starts work once (`api/idempotency.ts`): one Idempotency-Key for every try of the same start. A try that got
 * no answer (the connection dropped, maybe after the API started the run) and a 409 IDEMPOTENCY_KEY_IN_USE (the
 * first try is still being answered) are tried again with the same key, so the API answers the first start
 * instead of starting a second run.
 */
export async function startOnce<T>(start: (idempotencyKey: string) => Promise<T>, tries = 4): Promise<T> {
  const key = randomUUID();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start(key);
    } catch (error) {
      const retriable = error instanceof NoAnswer || (error as Error).message.startsWith('IDEMPOTENCY_KEY_IN_USE');
      if (!retriable || attempt >= tries) throw error;
      await sleep(500 * attempt);
    }
  }
}
