import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** Exit codes: 0 done, 1 failures in the run (or the service failed), 2 usage or authentication errors. */
export const exitCodes = { done: 0, failures: 1, usage: 2 } as const;

/** A failure the CLI reports in one line and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = exitCodes.usage,
  ) {
    super(message);
  }
}

export interface StoredLogin {
  url: string;
  token: string;
  company?: string;
  user?: string;
}

/** `$XDG_CONFIG_HOME/wfc/config.json` (default `~/.config/wfc/config.json`), readable by its owner only. */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'wfc', 'config.json');
}

export function saveLogin(login: StoredLogin, env: NodeJS.ProcessEnv = process.env): string {
  const path = configPath(env);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, JSON.stringify(login, null, 2), { mode: 0o600 });
  chmodSync(path, 0o600);
  return path;
}

function storedLogin(env: NodeJS.ProcessEnv): Partial<StoredLogin> {
  try {
    return JSON.parse(readFileSync(configPath(env), 'utf8')) as Partial<StoredLogin>;
  } catch {
    return {};
  }
}

/** The API's base URL and token: WFC_URL / WFC_TOKEN first, then the stored login. */
export function currentLogin(env: NodeJS.ProcessEnv = process.env): { url?: string; token?: string } {
  const stored = storedLogin(env);
  return { url: env.WFC_URL || stored.url, token: env.WFC_TOKEN || stored.token };
}

export interface ApiClient {
  json<T>(method: string, path: string, body?: unknown): Promise<T>;
  upload<T>(path: string, content: Buffer, contentType: string): Promise<{ status: number; body: T }>;
  download(path: string): Promise<Readable>;
}

/** A small client of the service's HTTP API (fetch); every non-2xx answer becomes a CliError with the API's code. */
export function apiClient(url: string, token: string | undefined, language: 'ja' | 'en'): ApiClient {
  const base = url.replace(/\/+$/, '');
  const headers = (extra: Record<string, string> = {}) => ({
    'Accept-Language': language,
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
    ...extra,
  });
  const send = async (method: string, path: string, init: RequestInit = {}): Promise<Response> => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, { method, ...init });
    } catch (error) {
      throw new CliError(`${base}: ${(error as Error).message}`, exitCodes.failures);
    }
    if (response.ok) return response;
    const text = await response.text();
    let code = `HTTP_${response.status}`;
    let message = text.slice(0, 500);
    try {
      const body = JSON.parse(text) as { error?: { code?: string; message?: string; field?: string } };
      code = body.error?.code ?? code;
      message = [body.error?.message, body.error?.field ? `(${body.error.field})` : ''].filter(Boolean).join(' ');
    } catch {
      // not JSON: the text itself
    }
    const usage = response.status >= 400 && response.status < 500;
    throw new CliError(`${code}: ${message}`, usage ? exitCodes.usage : exitCodes.failures);
  };
  return {
    async json<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await send(method, path, {
        headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await response.json()) as T;
    },
    async upload<T>(path: string, content: Buffer, contentType: string) {
      const response = await send('POST', path, {
        headers: headers({ 'Content-Type': contentType }),
        body: new Uint8Array(content),
      });
      return { status: response.status, body: (await response.json()) as T };
    },
    async download(path: string): Promise<Readable> {
      const response = await send('GET', path, { headers: headers() });
      if (!response.body) return Readable.from([]);
      return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    },
  };
}
