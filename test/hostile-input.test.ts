import request from 'supertest';
import type { MountedRoute } from '../api/route';
import iconv from 'iconv-lite';
import { Account } from '../entities';
import { adminToken, createAccount } from './support/api';
import { generatedCsv, importHeader, toCsv, accountRow } from './support/account-csv';
import { createHarness, type Harness } from './support/harness';

/**
 * Input limits enforced while the input is read, never after (issue 17): a JSON body nested too deep is a 400
 * before anything walks it; a CSV upload stops at row limit + 1, at an overlong cell or line, and at the first
 * byte its encoding does not allow. Nothing changes and nothing is a 5xx. Durations and memory are measured by
 * `npm run bench:hostile`, not here.
 */
let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await createHarness({ temporal: 'local', importLimits: { maxRows: 1000, maxBytes: 10 * 1024 * 1024 } });
  admin = await adminToken(h);
  await createAccount(h, admin, { code: 'H0001', mustChangePassword: false });
});

afterAll(async () => {
  await h?.teardown();
});

/** Sessions and rate-limit counters aside, the whole database as text. */
async function state(): Promise<string> {
  return (await h.db.dumpAllTables()).replace(/-- (session|rate_limit)\n[^-]*/g, '');
}

const nestedJson = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

const concretePath = (route: MountedRoute) =>
  route.path
    .replace(':code', route.path.startsWith('/api/accounts') ? 'H0001' : '0')
    .replace(':kind', 'contractor')
    .replace(':token', 'x'.repeat(43))
    .replace(/:[A-Za-z]+/, '00000000-0000-4000-8000-000000000000');

/** Every JSON write route of the API, and the employee pages that read a body. */
function writeTargets(): { method: 'post' | 'put' | 'patch'; path: string; authenticated: boolean }[] {
  const api = h.app.routes
    .filter((route): route is MountedRoute & { method: 'post' | 'put' | 'patch' } =>
      ['post', 'put', 'patch'].includes(route.method),
    )
    .map((route) => ({ method: route.method, path: concretePath(route), authenticated: route.access !== 'public' }));
  const pages = ['/login', '/login/password', '/login/mfa', '/login/azure/mfa'].map((path) => ({
    method: 'post' as const,
    path,
    authenticated: false,
  }));
  return [...api, ...pages];
}

describe('deeply nested JSON', () => {
  it('is a 400 BODY_TOO_DEEP on every write route and login page, with or without a token; nothing changes', async () => {
    const before = await state();
    const targets = writeTargets();
    expect(targets.length).toBeGreaterThanOrEqual(35);
    const body = nestedJson(100_000);
    for (const target of targets) {
      for (const token of target.authenticated ? [admin, undefined] : [undefined]) {
        const req = h.http[target.method](target.path).set('Content-Type', 'application/json');
        if (token) req.set('Authorization', `Bearer ${token}`);
        const res = await req.send(body);
        expect({ target: `${target.method} ${target.path}`, status: res.status, error: res.body.error }).toMatchObject({
          status: 400,
          error: { code: 'BODY_TOO_DEEP', field: 'body', message: expect.stringContaining('32') },
        });
      }
    }
    expect(await state()).toBe(before);
  });

  it('answers in Japanese by default and in English on request, an object nested in an object alike', async () => {
    const deepObject = '{"a":'.repeat(40) + '1' + '}'.repeat(40);
    const ja = await h.http.post('/api/auth/login').set('Content-Type', 'application/json').send(deepObject);
    expect(ja.status).toBe(400);
    expect(ja.body.error.message).toBe('リクエストの入れ子(配列・オブジェクト)が深すぎます。上限は32段です。');
    const en = await h.http
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .set('Accept-Language', 'en')
      .send(deepObject);
    expect(en.body.error).toMatchObject({
      code: 'BODY_TOO_DEEP',
      field: 'body',
      message: 'The request body nests arrays and objects more than 32 deep.',
    });
  });

  it('brackets inside strings do not count, and a body at the limit is read as usual', async () => {
    const res = await h.http
      .post('/api/auth/login')
      .send({ companyCode: '['.repeat(1000), loginId: '{'.repeat(1000), password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const atLimit = await h.http
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(`{"companyCode":${'['.repeat(31)}${']'.repeat(31)}}`);
    expect(atLimit.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'companyCode' });
  });

  it('a body nested 1,000,000 deep is still a 400 BODY_TOO_DEEP (no recursion), under a larger size limit', async () => {
    const roomy = h.appWith({ jsonLimits: { maxBytes: 4 * 1024 * 1024, maxDepth: 32 } });
    const res = await request(roomy.app)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(nestedJson(1_000_000));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BODY_TOO_DEEP');
    // Over the default 1 MiB it is refused for its size before its depth is looked at.
    const large = await h.http
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(nestedJson(1_000_000));
    expect(large.status).toBe(413);
    expect(large.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('35 deep bodies at once are 35 answers of 400 while /healthz keeps answering; none is a 5xx', async () => {
    const body = nestedJson(100_000);
    const deep = Array.from({ length: 35 }, () =>
      h.http.post('/api/auth/login').set('Content-Type', 'application/json').send(body),
    );
    const health = Array.from({ length: 5 }, () => h.http.get('/healthz'));
    const answers = await Promise.all([...deep, ...health]);
    expect(answers.slice(0, 35).map((res) => res.status)).toEqual(Array(35).fill(400));
    expect(answers.slice(35).map((res) => res.status)).toEqual(Array(5).fill(200));
    expect(h.logLines.join('\n')).not.toMatch(/Maximum call stack|unhandled error/);
  });
});

function upload(content: Buffer, query = '?dryRun=true') {
  return h.http
    .post(`/api/account-imports${query}`)
    .set('Authorization', `Bearer ${admin}`)
    .set('Content-Type', 'text/csv')
    .send(content);
}

/** A valid file of `count` rows whose byte `offset` of line `line` is replaced by `byte`. */
function spoiled(file: Buffer, line: number, offset: number, byte: number): Buffer {
  let start = 0;
  for (let current = 1; current < line; current++) start = file.indexOf(0x0a, start) + 1;
  const copy = Buffer.from(file);
  copy[start + offset] = byte;
  return copy;
}

describe('CSV uploads', () => {
  it('600,000 short rows (under the byte limit) are a 413 TOO_MANY_ROWS at row limit + 1, dry run or not; nothing changes', async () => {
    const before = await state();
    const file = Buffer.from(toCsv([importHeader]) + 'Z1234567,自社\r\n'.repeat(600_000));
    expect(file.length).toBeLessThan(10 * 1024 * 1024);
    for (const query of ['?dryRun=true', '']) {
      const res = await upload(file, query);
      expect(res.status).toBe(413);
      expect(res.body.error).toMatchObject({ code: 'TOO_MANY_ROWS', field: 'file' });
      expect(res.body.error.message).toContain('1000');
    }
    expect(await state()).toBe(before);
  });

  it('a line of 9 MiB of commas and a 9 MiB cell are a 400 naming the line, quoted or not', async () => {
    const header = toCsv([importHeader, accountRow(1, 'C')]);
    const commas = await upload(Buffer.from(header + ','.repeat(9 * 1024 * 1024)));
    expect(commas.status).toBe(400);
    expect(commas.body.error).toMatchObject({ code: 'CSV_TOO_MANY_CELLS', field: 'file' });
    expect(commas.body.error.message).toMatch(/^3行目の項目数が上限\(\d+個\)を超えています。$/);
    for (const cell of ['x'.repeat(9 * 1024 * 1024), `"${'y,'.repeat(1024 * 1024)}"`]) {
      const res = await upload(Buffer.from(header + cell), '?dryRun=true').set('Accept-Language', 'en');
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        code: 'CSV_CELL_TOO_LONG',
        field: 'file',
        message: 'A cell on line 3 is longer than 1000 characters.',
      });
    }
  });

  it('a byte invalid in the detected or declared encoding is a 400 naming its line; nothing is imported', async () => {
    const before = await state();
    const utf8 = Buffer.from(generatedCsv(5, { prefix: 'B' }));
    // Line 4 (the third row) starts with its code (6 ASCII bytes) and a comma, then 自社: byte 10 begins 社.
    const badUtf8 = spoiled(utf8, 4, 10, 0xff);
    const cp932 = iconv.encode(generatedCsv(5, { prefix: 'B' }), 'cp932');
    const badCp932 = spoiled(cp932, 5, 9, 0xfd); // 社 in two bytes from byte 9
    const cases = [
      [badUtf8, 'auto', 4, 'UTF-8'],
      [badUtf8, 'utf-8', 4, 'UTF-8'],
      [badCp932, 'auto', 5, 'Shift_JIS/CP932'],
      [badCp932, 'shift_jis', 5, 'Shift_JIS/CP932'],
      [cp932, 'utf-8', 1, 'UTF-8'],
    ] as const;
    for (const [file, encoding, line, name] of cases) {
      for (const dryRun of ['true', 'false']) {
        const res = await upload(file, `?dryRun=${dryRun}&encoding=${encoding}`);
        expect({ encoding, dryRun, status: res.status, error: res.body.error }).toMatchObject({
          status: 400,
          error: {
            code: 'INVALID_ENCODING',
            field: 'file',
            message: `${line}行目に${name}として読めないバイトがあります。取り込みは行っていません。UTF-8で保存するか、文字コード(encoding)を指定してください。`,
          },
        });
      }
    }
    const english = await upload(badUtf8).set('Accept-Language', 'en');
    expect(english.body.error.message).toContain('Line 4 holds bytes that are not valid UTF-8');
    expect(await state()).toBe(before);
    expect(await h.db.orm.em.fork().count(Account, { code: { $like: 'B%' } })).toBe(0);
  });

  it('valid files still read alike whatever their encoding, with a multi-byte character across chunks', async () => {
    // A long cell of Japanese puts some character across the 64 KiB boundaries of the stream.
    const rows = [importHeader, ...Array.from({ length: 400 }, (_, index) => accountRow(index + 1, 'V'))];
    for (const row of rows.slice(1)) row.push('備考'.repeat(50));
    const header = [...importHeader, '備考'];
    const text = toCsv([header, ...rows.slice(1)]);
    for (const [file, encoding] of [
      [Buffer.from(text), 'auto'],
      [iconv.encode(text, 'cp932'), 'auto'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf-8'],
      [iconv.encode(text, 'cp932'), 'shift_jis'],
    ] as const) {
      const res = await upload(file, `?dryRun=true&encoding=${encoding}`);
      expect(res.status).toBe(200);
      expect(res.body.summary).toMatchObject({ total: 400, create: 400, error: 0 });
    }
  });
});
