import type { EntityManager } from '@mikro-orm/postgresql';
import { Router, type Request, type Response } from 'express';
import type { Principal } from '../../domain/access/principal';
import { AuthenticationError, InputError } from '../../domain/errors';
import { findForbiddenText, forbiddenCharactersMessage } from '../../domain/input-schemas';
import { issueProvisionedAccount } from '../../domain/provisioning/issue-on-create';
import { principalOfScimToken } from '../../domain/provisioning/scim-tokens';
import { parseUserFilter } from '../../domain/provisioning/scim-filter';
import { patchRequest } from '../../domain/provisioning/scim-patch';
import {
  createScimUser,
  deleteScimUser,
  listScimUsers,
  patchScimUser,
  readScimUser,
  replaceScimUser,
  type ScimUserRecord,
} from '../../domain/provisioning/scim-users';
import { coreUserSchema, enterpriseUserSchema, userModelOf } from '../../domain/provisioning/scim-user';
import { recordScimRefusal } from '../audit-refusals';
import { defaultJsonLimits, jsonBody } from '../json-body';
import type { RateLimits } from '../rate-limits';
import type { ApiServices } from '../services';
import { project, projectionOf } from './scim-attributes';
import { listResponse, maxResults, schemas, serviceProviderConfig, userResourceType } from './scim-discovery';
import { scimErrorHandler, scimMediaType, sendScimError, sendScimJson } from './scim-errors';

/** Where the SCIM service provider is mounted; the tenant URL to paste into Entra ID or Okta. */
export const scimBasePath = '/scim/v2';

function bearerOf(req: Request): string {
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/i.exec((req.headers.authorization ?? '').trim());
  if (!match) throw new AuthenticationError('A SCIM token is required (Authorization: Bearer …).', 'UNAUTHENTICATED');
  return match[1]!;
}

function userResource(baseUrl: string, record: ScimUserRecord) {
  const { model } = record;
  const enterprise = {
    ...(model.employeeNumber ? { employeeNumber: model.employeeNumber } : {}),
    ...(model.department ? { department: model.department } : {}),
  };
  const hasEnterprise = Object.keys(enterprise).length > 0;
  return {
    schemas: hasEnterprise ? [coreUserSchema, enterpriseUserSchema] : [coreUserSchema],
    id: record.id,
    ...(model.externalId !== null ? { externalId: model.externalId } : {}),
    userName: model.userName,
    name: { familyName: model.familyName, givenName: model.givenName },
    displayName: `${model.familyName ?? ''} ${model.givenName ?? ''}`.trim(),
    active: model.active,
    emails: model.emails,
    ...(hasEnterprise ? { [enterpriseUserSchema]: enterprise } : {}),
    meta: {
      resourceType: 'User',
      created: record.created.toISOString(),
      lastModified: record.lastModified.toISOString(),
      location: `${baseUrl}/Users/${record.id}`,
    },
  };
}

/** startIndex and count (RFC 7644 §3.4.2.4): below 1 is 1, below 0 is 0, above the maximum is the maximum. */
function pageOf(query: Record<string, unknown>): { startIndex: number; count: number } {
  const integer = (name: 'startIndex' | 'count', fallback: number) => {
    const raw = typeof query[name] === 'number' ? String(query[name]) : query[name];
    if (raw === undefined) return fallback;
    if (typeof raw !== 'string' || !/^-?\d{1,9}$/.test(raw)) {
      throw new InputError('invalidValue', `${name} is an integer.`, name);
    }
    return Number(raw);
  };
  return {
    startIndex: Math.max(1, integer('startIndex', 1)),
    count: Math.min(maxResults, Math.max(0, integer('count', 100))),
  };
}

function filterText(query: Record<string, unknown>): string | undefined {
  const filter = query.filter;
  if (filter === undefined) return undefined;
  if (typeof filter !== 'string') throw new InputError('invalidFilter', 'Give one filter.', 'filter');
  return filter;
}

/**
 * The SCIM 2.0 service provider (RFC 7644) of the token's company: discovery documents and Users. Mounted before
 * the API's JSON parser so that every answer — a body that is not JSON included — is in SCIM's shape, and so that
 * `application/scim+json` bodies are read with the same size and depth limits. Only SCIM tokens open it.
 */
export function createScimRouter(services: ApiServices, rateLimits: RateLimits): Router {
  const router = Router();
  const baseUrl = `${services.publicBaseUrl.replace(/\/$/, '')}${scimBasePath}`;
  router.use(jsonBody(services.jsonLimits ?? defaultJsonLimits, ['application/json', scimMediaType]));

  const principals = new WeakMap<Request, { principal: Principal; em: EntityManager }>();
  router.use(async (req, res, next) => {
    res.set('Cache-Control', 'no-store');
    const em = services.orm.em.fork();
    const principal = await principalOfScimToken(bearerOf(req), em, services);
    await rateLimits.scimRequest(principal.scimToken!.id);
    const field = findForbiddenText({ query: req.query, body: req.body as unknown });
    if (field !== undefined) throw new InputError('invalidValue', `${field}: ${forbiddenCharactersMessage}`, field);
    principals.set(req, { principal, em });
    next();
  });
  const context = (req: Request) => principals.get(req)!;

  router.get('/ServiceProviderConfig', (_req, res) => sendScimJson(res, 200, serviceProviderConfig(baseUrl)));
  router.get('/ResourceTypes', (_req, res) => sendScimJson(res, 200, listResponse([userResourceType(baseUrl)])));
  router.get('/ResourceTypes/User', (_req, res) => sendScimJson(res, 200, userResourceType(baseUrl)));
  router.get('/Schemas', (_req, res) => sendScimJson(res, 200, listResponse(schemas(baseUrl))));
  router.get('/Schemas/:id', (req, res) => {
    const schema = schemas(baseUrl).find((entry) => entry.id === req.params.id);
    if (!schema) return sendScimError(res, 404, 'NOT_FOUND', 'No such schema.');
    sendScimJson(res, 200, schema);
  });

  const list = async (req: Request, res: Response, query: Record<string, unknown>) => {
    const { principal, em } = context(req);
    const page = pageOf(query);
    const projection = projectionOf(query);
    const conditions = parseUserFilter(filterText(query));
    const { totalResults, records } = await listScimUsers(em, principal, { conditions, ...page });
    sendScimJson(
      res,
      200,
      listResponse(
        records.map((record) => project(userResource(baseUrl, record), projection)),
        totalResults,
        page.startIndex,
      ),
    );
  };
  router.get('/Users', (req, res) => list(req, res, req.query));
  // POST …/.search (RFC 7644 §3.4.3): the same query in the body, kept out of URLs and their logs.
  router.post(['/Users/.search', '/.search'], (req, res) =>
    list(req, res, (req.body ?? {}) as Record<string, unknown>),
  );

  router.post('/Users', async (req, res) => {
    const { principal, em } = context(req);
    const created = await createScimUser(em, principal, userModelOf(req.body), services);
    if (created.issueOnCreate) {
      const hasAddress = created.record.model.emails.length > 0;
      await issueProvisionedAccount(em.fork(), principal, { code: created.accountCode, hasAddress }, services);
    }
    res.set('Location', `${baseUrl}/Users/${created.record.id}`);
    sendScimJson(res, 201, userResource(baseUrl, created.record));
  });

  router.get('/Users/:id', async (req, res) => {
    const { principal, em } = context(req);
    const record = await readScimUser(em, principal, req.params.id);
    sendScimJson(res, 200, project(userResource(baseUrl, record), projectionOf(req.query)));
  });

  router.put('/Users/:id', async (req, res) => {
    const { principal, em } = context(req);
    const record = await replaceScimUser(em, principal, req.params.id, userModelOf(req.body), services);
    sendScimJson(res, 200, userResource(baseUrl, record));
  });

  router.patch('/Users/:id', async (req, res) => {
    const { principal, em } = context(req);
    const parsed = patchRequest.safeParse(req.body);
    if (!parsed.success) {
      throw new InputError(
        'invalidSyntax',
        'A PATCH body is {"schemas": […PatchOp], "Operations": [{op, path, value}]}.',
      );
    }
    const record = await patchScimUser(em, principal, req.params.id, parsed.data, services);
    sendScimJson(res, 200, userResource(baseUrl, record));
  });

  router.delete('/Users/:id', async (req, res) => {
    const { principal, em } = context(req);
    await deleteScimUser(em, principal, req.params.id, services);
    res.status(204).end();
  });

  router.use((req: Request, res: Response) => {
    const known = ['/Users', '/ServiceProviderConfig', '/ResourceTypes', '/Schemas'];
    if (req.method !== 'GET' && known.some((path) => req.path === path || req.path.startsWith(`${path}/`))) {
      return sendScimError(res, 405, 'METHOD_NOT_ALLOWED', `${req.method} is not supported here.`);
    }
    sendScimError(res, 404, 'NOT_FOUND', `No SCIM endpoint ${req.path}.`);
  });
  // A refusal by the policy is an event of the audit trail, as the API's are (api/audit-refusals.ts).
  router.use(async (error: unknown, req: Request, _res: Response, next: (error: unknown) => void) => {
    await recordScimRefusal(
      services,
      { req, principal: principals.get(req)?.principal, basePath: scimBasePath },
      error,
    );
    next(error);
  });
  router.use(scimErrorHandler(services.logger));
  return router;
}
