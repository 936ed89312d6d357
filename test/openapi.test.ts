import type { Router } from 'express';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { openApiSpecValidatorPath, requireBinary } from '../scripts/temporal-binaries';
import { adminPassword, companyCode, createHarness, publicBaseUrl, type Harness } from './support/harness';

let h: Harness;

beforeAll(async () => {
  h = await createHarness({ temporal: 'local' });
});

afterAll(async () => {
  await h?.teardown();
});

type Operation = { operationId?: string; security?: unknown[]; responses: Record<string, { content?: object }> };
type OpenApiDocument = {
  openapi: string;
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
};

async function servedDocument(): Promise<OpenApiDocument> {
  const res = await h.http.get('/openapi.json');
  expect(res.status).toBe(200);
  return res.body as OpenApiDocument;
}

/** Every method and path Express answers, read from the app's router stack (nested routers included). */
function expressRoutes(router: Router): string[] {
  const found: string[] = [];
  const walk = (stack: unknown[]) => {
    for (const layer of stack as { route?: { path: string; methods: Record<string, boolean> }; handle?: Router }[]) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) found.push(`${method} ${layer.route.path}`);
      } else if (layer.handle && Array.isArray((layer.handle as { stack?: unknown }).stack)) {
        walk(layer.handle.stack);
      }
    }
  };
  walk(router.stack);
  return found;
}

/**
 * The SCIM service provider under /scim/v2 (api/scim): it describes itself in SCIM's own discovery documents
 * (ServiceProviderConfig, ResourceTypes, Schemas), not in the API's OpenAPI document.
 */
const scimServiceProvider = [
  'get /ServiceProviderConfig',
  'get /ResourceTypes',
  'get /ResourceTypes/User',
  'get /Schemas',
  'get /Schemas/:id',
  'get /Users',
  'post /Users/.search,/.search',
  'post /Users',
  'get /Users/:id',
  'put /Users/:id',
  'patch /Users/:id',
  'delete /Users/:id',
];

/** HTML pages for people (employees, the admin console), deliberately not part of the JSON API document. */
const pagesOutsideTheApi = [
  'get /openapi.json',
  'get /verify/:token',
  'post /verify/:token',
  'get /login',
  'post /login',
  'post /login/password',
  'post /login/mfa',
  'get /login/azure',
  'get /login/azure/callback',
  'post /login/azure/mfa',
  'get /admin',
  'get /admin/*path',
];

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 for an independent validator (@seriousme/openapi-schema-validator)', async () => {
    const document = await servedDocument();
    expect(document.openapi).toBe('3.1.0');
    const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(document));
      // The validator is ESM-only; its CLI runs it outside Jest's CommonJS sandbox.
      const cli = resolve(__dirname, '../node_modules/@seriousme/openapi-schema-validator/bin/validate-api-cli.js');
      const { stdout } = await promisify(execFile)(process.execPath, [cli, file]);
      expect(JSON.parse(stdout)).toEqual({ valid: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is valid for openapi-spec-validator (Python, installed by scripts/setup.sh), regex patterns included', async () => {
    const document = await servedDocument();
    const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(document));
      const validator = requireBinary(openApiSpecValidatorPath(), 'openapi-spec-validator');
      const { stdout } = await promisify(execFile)(validator, [file]);
      expect(stdout.trim()).toBe(`${file}: OK`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has portable regex patterns (no flags, no \\p{…}), servers, an operationId, security and binary types', async () => {
    const document = await servedDocument();
    const serialized = JSON.stringify(document);
    const patterns = [...serialized.matchAll(/"pattern":("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1]!) as string);
    // Control characters and bidi overrides as an explicit class, which every regex dialect reads alike.
    expect(patterns).toContain('^[^\\x00-\\x1F\\x7F-\\x9F\\u202A-\\u202E\\u2066-\\u2069]*$');
    for (const pattern of patterns) {
      expect({ pattern, flags: /(?<!\\)\/[a-z]+$/.test(pattern) }).toEqual({ pattern, flags: false });
      expect({ pattern, propertyEscape: /\\[pP]\{/.test(pattern) }).toEqual({ pattern, propertyEscape: false });
      expect(() => new RegExp(pattern)).not.toThrow();
      expect(() => new RegExp(pattern, 'u')).not.toThrow();
    }
    expect(document.servers).toEqual([{ url: publicBaseUrl }]);

    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ key: `${method} ${path}`, operation })),
    );
    expect(operations.length).toBeGreaterThan(60);
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { key, operation } of operations)
      expect({ key, security: Array.isArray(operation.security) }).toEqual({ key, security: true });

    const login = document.paths['/api/auth/login']!.post!;
    expect(login.operationId).toBe('postAuthLogin');
    expect(login.security).toEqual([]);
    expect(document.paths['/api/accounts/{code}']!.get!.security).toEqual([{ bearerAuth: [] }, { consoleSession: [] }]);
    expect(document.paths['/api/accounts/{code}/issuances']!.get!.operationId).toBe('getAccountsByCodeIssuances');
    expect(document.paths['/api/password-notices/{token}']!.get!.responses['200']!.content).toEqual({
      'application/pdf': { schema: { type: 'string', format: 'binary', contentMediaType: 'application/pdf' } },
    });
  });

  it('lists every route the app answers, except the HTML pages', async () => {
    const document = await servedDocument();
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method} ${path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1')}`),
      ),
    );
    const answered = expressRoutes(h.app.app.router as unknown as Router);
    expect(answered.length).toBeGreaterThan(60);
    const undocumented = answered.filter(
      (route) => !documented.has(route) && !pagesOutsideTheApi.includes(route) && !scimServiceProvider.includes(route),
    );
    expect(undocumented).toEqual([]);
    // The exceptions are real routes, not stale names.
    for (const page of pagesOutsideTheApi) expect(answered).toContain(page);
  });

  it("is what the admin console's committed client types were generated from (else: npm run console:api-types)", async () => {
    const document = await servedDocument();
    expect(document.paths['/api/auth/session']).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'console-types-'));
    try {
      writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document));
      const check = promisify(execFile)(
        resolve(__dirname, '../node_modules/.bin/tsx'),
        [resolve(__dirname, '../scripts/console-api-types.ts'), '--check', '--from', join(dir, 'openapi.json')],
        { cwd: resolve(__dirname, '..') },
      );
      await expect(check).resolves.toBeDefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers what schemathesis found: 405 with Allow for an undocumented method, 400 (not 500) for the year 0000', async () => {
    const trace = await h.http.trace('/api/auth/login');
    expect(trace.status).toBe(405);
    expect(trace.headers.allow).toBe('POST');
    expect(trace.body.error.code).toBe('METHOD_NOT_ALLOWED');
    const put = await h.http.put('/api/accounts');
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, HEAD, POST');
    const token = (
      await h.http.post('/api/auth/login').send({ companyCode, loginId: 'Admin', password: adminPassword })
    ).body.token as string;
    const yearZero = await h.http
      .put('/api/accounts/Admin/ranks/0000-01')
      .set('Authorization', `Bearer ${token}`)
      .send({ rankCode: 'R1' });
    expect(yearZero.status).toBe(400);
    expect(yearZero.body.error.field).toBe('month');
  });
});
