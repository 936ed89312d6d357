import type { OpenAPIRegistry, ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request, Response, Router } from 'express';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Readable, Transform } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { finished } from 'node:stream/promises';
import { z } from 'zod';
import type { OpenedSession } from '../domain/access/login';
import { authenticate, authorize, type Access, type AuthContext, type SessionTransport } from './authentication';
import { clearSessionCookies, setSessionCookies } from './console-session';
import { formulaSafeCsvWriter } from '../lib/formula-safe-csv';
import { findForbiddenText, forbiddenCharactersMessage } from '../domain/input-schemas';
import { InputError } from '../domain/errors';
import { fileTooLarge } from '../domain/accounts/account-import';
import { errorBodySchema, validationError } from './errors';
import { answerLanguage, type Language } from './messages';
import type { ApiServices } from './services';
import { nameTraceRoute } from './trace-route';
import { answerOnce, idempotencyKeyHeader } from './idempotency';
import { recordRefusal } from './audit-refusals';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface RouteInput<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  params: z.infer<P>;
  query: z.infer<Q>;
  body: z.infer<B>;
  em: EntityManager;
  req: Request;
  /** The admin's language for message texts (api/messages.ts). */
  language: Language;
  /**
   * The body of a `fileBody` route as it arrives, at most `maxBytes` (more: the stream fails with 413
   * FILE_TOO_LARGE); whatever the handler leaves unread is discarded after the answer.
   */
  file: Readable;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  /** CSV rows streamed to the client as they come (the one formula-safe writer), never built in memory. */
  csv?: { fileName: string; header: readonly string[]; rows: AsyncIterable<string[]> };
  /** A file download instead of JSON; without `content`, the headers alone (the answer to a HEAD). */
  file?: { contentType: string; fileName: string; content?: Buffer };
  /**
   * A session just opened (login, password change, MFA set-up): a bearer caller gets it as the body; the admin
   * console (a request that came with its cookie, or `sessionTransport: 'cookie'`) gets it in the cookies and
   * the body without the token.
   */
  session?: OpenedSession;
  sessionTransport?: SessionTransport;
  /** The request's session was revoked: the console's cookies go too. */
  sessionEnded?: boolean;
}

export interface RouteDefinition<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, A extends Access> {
  method: Method;
  /** Express syntax (`/api/accounts/:code`); documented as `/api/accounts/{code}`. */
  path: string;
  summary: string;
  tag: string;
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  /** The JSON body may be left out (a DELETE whose body only some callers send). */
  bodyOptional?: boolean;
  /** A raw file body (e.g. text/csv) of at most `maxBytes`, read after authentication; the handler gets it as `file`. */
  fileBody?: { mediaType: string; maxBytes: (services: ApiServices) => number; description: string };
  responses: Record<
    number,
    { description: string; schema?: z.ZodType; /** A file of this media type. */ binary?: string }
  >;
  /**
   * A POST that starts work (a run, an issuance): an `Idempotency-Key` header makes a retry with the same key
   * and request answer the first answer and start nothing (api/idempotency.ts).
   */
  idempotent?: boolean;
  /** Defaults to the method and path in camelCase (`getAccountsByCodeIssuances`). */
  operationId?: string;
  handler: (input: RouteInput<P, Q, B> & (A extends 'public' ? object : { auth: AuthContext })) => Promise<RouteResult>;
  /**
   * What a HEAD request answers, for a GET whose handler has an effect (a one-time download): link checkers,
   * proxies and mail scanners send HEAD, which must never use the link up. Without it, HEAD runs the handler as
   * Express does for every GET, so a GET with an effect must give one.
   */
  head?: (input: RouteInput<P, Q, B> & (A extends 'public' ? object : { auth: AuthContext })) => Promise<RouteResult>;
}

/** A documented route: what the OpenAPI document lists is exactly what is mounted, with the same schemas. */
export interface MountedRoute {
  method: Method;
  path: string;
  access: Access;
}

const emptyObject = z.object({});

/** `get` + `/api/accounts/:code/issuances` → `getAccountsByCodeIssuances`: unique, since method and path are. */
export function operationIdFor(method: string, path: string): string {
  const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  const words = path
    .split('/')
    .filter((segment) => segment !== '' && segment !== 'api')
    .map((segment) => (segment.startsWith(':') ? `By-${segment.slice(1)}` : segment))
    .flatMap((segment) => segment.split(/[^A-Za-z0-9]+/).filter(Boolean));
  return method + words.map(capitalize).join('');
}

/** A file body in OpenAPI 3.1 (JSON Schema 2020-12): a string of that media type; `binary` for older tools. */
function binarySchema(mediaType: string) {
  return z.string().meta({ format: 'binary', contentMediaType: mediaType });
}

/**
 * Mounts one route: authenticates and authorises before anything is read, validates params, query and
 * body with the zod schemas that also generate the OpenAPI document, and gives the handler its own
 * EntityManager fork.
 */
export function defineRoute<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, A extends Access>(
  target: { router: Router; registry: OpenAPIRegistry; services: ApiServices; mounted: MountedRoute[] },
  route: RouteDefinition<P, Q, B, A>,
): void {
  const openApiPath = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  const errorResponse = (description: string): ResponseConfig => ({
    description,
    content: { 'application/json': { schema: errorBodySchema } },
  });
  const responses: RouteConfig['responses'] = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = response.binary
      ? { description: response.description, content: { [response.binary]: { schema: binarySchema(response.binary) } } }
      : response.schema
        ? { description: response.description, content: { 'application/json': { schema: response.schema } } }
        : { description: response.description };
  }
  if (route.params || route.query || route.body) responses[400] ??= errorResponse('Invalid input');
  if (route.access !== 'public') {
    responses[401] ??= errorResponse('Missing, unknown or expired token');
    if (route.access !== 'session') responses[403] ??= errorResponse('The role lacks the permission');
  }
  target.registry.registerPath({
    method: route.method,
    path: openApiPath,
    operationId: route.operationId ?? operationIdFor(route.method, route.path),
    summary: route.summary,
    tags: [route.tag],
    // `[]` says "no authentication" explicitly, so clients do not apply a document-wide default.
    security: route.access === 'public' ? [] : [{ bearerAuth: [] }, { consoleSession: [] }],
    ...(typeof route.access === 'object'
      ? { description: `Requires the permission \`${route.access.permission}\`.` }
      : {}),
    request: {
      ...(route.idempotent ? { headers: idempotencyKeyHeader } : {}),
      ...(route.params ? { params: route.params } : {}),
      ...(route.query ? { query: route.query } : {}),
      // A body whose every field is optional may be left out (`{}` is assumed), and the document says so.
      ...(route.body
        ? {
            body: {
              content: { 'application/json': { schema: route.body } },
              required: !(route.bodyOptional || route.body.safeParse({}).success),
            },
          }
        : {}),
      ...(route.fileBody
        ? {
            body: {
              description: route.fileBody.description,
              content: { [route.fileBody.mediaType]: { schema: binarySchema(route.fileBody.mediaType) } },
              required: true,
            },
          }
        : {}),
    },
    responses,
  });
  target.mounted.push({ method: route.method, path: route.path, access: route.access });

  const serve = async (req: Request, res: Response) => {
    nameTraceRoute(`${req.baseUrl}${route.path}`);
    // Every answer of the API may carry a token, a one-time link or personal data: no cache keeps it, errors included.
    res.set('Cache-Control', 'no-store');
    const em = target.services.orm.em.fork();
    let auth: AuthContext | undefined;
    let via: SessionTransport | undefined;
    if (route.access !== 'public') {
      ({ auth, via } = await authenticate(req, em, target.services));
      res.locals.principal = auth;
    }
    const language = await answerLanguage(req, em, auth?.accountId);
    res.locals.language = language;
    if (auth && route.access !== 'public') authorize(auth, route.access);
    // Every text of every request, whatever its schema: NUL, control characters and bidi overrides are a 400.
    for (const [location, raw] of [
      ['params', req.params],
      ['query', req.query],
      ['body', req.body],
    ] as const) {
      const field = findForbiddenText(raw);
      if (field !== undefined) {
        throw new InputError('INVALID_CHARACTERS', `${field || location}: ${forbiddenCharactersMessage}`, field);
      }
    }
    const params = (route.params ?? emptyObject).safeParse(req.params);
    if (!params.success) throw validationError(params.error, 'params');
    const query = (route.query ?? emptyObject).safeParse(req.query);
    if (!query.success) throw validationError(query.error, 'query');
    let body: unknown = undefined;
    if (route.body) {
      const parsed = route.body.safeParse(req.body ?? {});
      if (!parsed.success) throw validationError(parsed.error, 'body');
      body = parsed.data;
    }
    const maxFileBytes = route.fileBody?.maxBytes(target.services);
    let file = maxFileBytes === undefined ? Readable.from([]) : fileBodyStream(req, maxFileBytes);
    // An idempotent upload is read whole (at most maxBytes) so that its fingerprint covers the file itself.
    let fileDigest: string | undefined;
    if (route.idempotent && maxFileBytes !== undefined && req.get('Idempotency-Key') !== undefined) {
      const content = await buffer(file);
      fileDigest = createHash('sha256').update(content).digest('hex');
      file = Readable.from([content]);
    }
    // The schemas above produced these values; the cast only restores the types the generics lost.
    const input = {
      params: params.data,
      query: query.data,
      body,
      em,
      req,
      auth,
      language,
      file,
    } as unknown as Parameters<typeof route.handler>[0];
    const run = () =>
      (req.method === 'HEAD' && route.head ? route.head(input) : route.handler(input)).finally(() => {
        if (maxFileBytes !== undefined) discardUnread(req, maxFileBytes);
      });
    const result =
      route.idempotent && auth
        ? await answerOnce(
            { req, res, em, services: target.services, auth },
            { route: route.path, input: { params: params.data, query: query.data, body, fileDigest } },
            run,
          )
        : await run();
    const transport = result.sessionTransport ?? via;
    if (result.session) {
      result.body =
        transport === 'cookie' ? setSessionCookies(req, res, target.services, result.session) : result.session;
    }
    if (result.sessionEnded && transport === 'cookie') clearSessionCookies(req, res, target.services.publicBaseUrl);
    if (result.file) {
      res.status(result.status).set({
        'Content-Type': result.file.contentType,
        'Content-Disposition': `attachment; filename="${result.file.fileName}"`,
      });
      if (result.file.content) res.send(result.file.content);
      else res.end();
      return;
    }
    if (result.csv) {
      await streamCsv(res, result.status, result.csv);
      return;
    }
    if (result.body === undefined) res.status(result.status).end();
    else res.status(result.status).json(result.body);
  };
  target.router[route.method](route.path, async (req: Request, res: Response) => {
    try {
      await serve(req, res);
    } catch (error) {
      await recordRefusal(target.services, { req, res, path: route.path }, error);
      throw error;
    }
  });
}

/**
 * The request body as a stream that fails with 413 FILE_TOO_LARGE past `maxBytes` (at once when
 * Content-Length says so), so a reader stops at the limit instead of after the whole upload.
 */
function fileBodyStream(req: Request, maxBytes: number): Readable {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw fileTooLarge(maxBytes);
  let received = 0;
  const limited = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      done(received > maxBytes ? fileTooLarge(maxBytes) : null, chunk);
    },
  });
  return req.pipe(limited);
}

/**
 * After the answer, the rest of an upload the handler stopped reading (a refusal at row limit + 1) is read
 * and dropped, so the client gets the answer rather than a reset connection; past `maxBytes` it is cut off.
 */
function discardUnread(req: Request, maxBytes: number): void {
  if (req.complete || req.destroyed) return;
  req.unpipe();
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > maxBytes) req.destroy();
  });
  req.resume();
}

/**
 * Streams CSV rows with backpressure. The first row is read before the headers go out, so a refusal
 * (permission, unknown id) is still an ordinary error answer; a failure later ends the response early.
 */
async function streamCsv(res: Response, status: number, csv: NonNullable<RouteResult['csv']>): Promise<void> {
  const rows = csv.rows[Symbol.asyncIterator]();
  let next = await rows.next();
  res.status(status).set({
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${csv.fileName}"`,
  });
  const stringifier = formulaSafeCsvWriter();
  stringifier.pipe(res);
  const write = async (row: readonly string[]) => {
    if (!stringifier.write(row)) await once(stringifier, 'drain');
  };
  try {
    await write(csv.header);
    while (!next.done) {
      await write(next.value);
      next = await rows.next();
    }
    stringifier.end();
    await finished(res);
  } catch (error) {
    res.destroy(error as Error);
  }
}
