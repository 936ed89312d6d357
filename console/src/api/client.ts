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

/** Same origin: the session cookie goes with every call, and no token is ever in script-readable storage. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
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
