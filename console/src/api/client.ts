import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

/** The readable half of the console session (api/console-session.ts): sent back as X-CSRF-Token. */
function csrfToken(): string | undefined {
  const entry = document.cookie.split('; ').find((part) => part.startsWith('wc_csrf='));
  return entry ? decodeURIComponent(entry.slice('wc_csrf='.length)) : undefined;
}

let language = 'ja';

/** The language of the API's messages (Accept-Language) follows the console's. */
export function setApiLanguage(next: string): void {
  language = next;
}

/** The console's language as the API is told it (for texts made outside a component). */
export function apiLanguage(): string {
  return language;
}

/** Accept-Language, and the CSRF token on every request that may change something. */
function withConsoleHeaders(request: Request): Request {
  request.headers.set('Accept-Language', language);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const token = csrfToken();
    if (token) request.headers.set('X-CSRF-Token', token);
  }
  return request;
}

const consoleHeaders: Middleware = { onRequest: ({ request }) => withConsoleHeaders(request) };

/** The POSTs that start work, which the API runs once per Idempotency-Key (api/idempotency.ts). */
const idempotentPosts = [
  /^\/api\/accounts\/[^/]+\/(?:email-issuances|pdf-issuances|credential-mails)$/,
  /^\/api\/email-issuances\/bulk$/,
  /^\/api\/pdf-issuances$/,
  /^\/api\/account-imports$/,
];

/** 128 random bits as hex; crypto.randomUUID needs a secure context, which a console on plain http is not. */
function idempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A POST that starts work carries an Idempotency-Key, and when its answer is lost (the network failed after the
 * request left) it is sent again with the same key, up to three times: the API answers the first answer instead
 * of starting a second run, or 409 IDEMPOTENCY_KEY_IN_USE while the first is still under way (asked again).
 */
async function fetchStartingWorkOnce(request: Request): Promise<Response> {
  if (request.method !== 'POST' || !idempotentPosts.some((path) => path.test(new URL(request.url).pathname))) {
    return fetch(request);
  }
  request.headers.set('Idempotency-Key', idempotencyKey());
  for (let attempt = 1; ; attempt += 1) {
    try {
      const response = await fetch(request.clone());
      if (response.status !== 409 || attempt >= 3) return response;
      const body = (await response.clone().json()) as { error?: { code?: string } };
      if (body.error?.code !== 'IDEMPOTENCY_KEY_IN_USE') return response;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
    await pause(500 * attempt);
  }
}

/** Same origin: the session cookie goes with every call, and no token is ever in script-readable storage. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin', fetch: fetchStartingWorkOnce });
api.use(consoleHeaders);

export interface ApiErrorBody {
  code: string;
  message: string;
  field?: string;
  issues?: { field: string; code: string; message: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

/** The data of a successful answer, or an ApiError with the API's code, field and message. */
export async function must<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<NonNullable<T>> {
  const { data, error, response } = await call;
  if (response.ok) return data as NonNullable<T>;
  const body = (error as { error?: ApiErrorBody } | undefined)?.error;
  throw new ApiError(response.status, body ?? { code: `HTTP_${response.status}`, message: response.statusText });
}
