import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { Account } from '../entities';
import { bootstrapCompany } from '../lib/bootstrap';
import { adminToken, createAccount, defaultInitialPassword, eventually } from './support/api';
import { accountRow, badRowKinds, fiftyBadRows, generatedCsv, importHeader, toCsv } from './support/account-csv';
import { companyCode, createHarness, type Harness } from './support/harness';

/**
 * CSV import and export of accounts against the real service: PostgreSQL, the Temporal dev server and
 * the worker. Every row is checked with the rules of a single registration.
 */
let h: Harness;
let admin: string;

const maxBytes = 256 * 1024;

beforeAll(async () => {
  h = await createHarness({ temporal: 'local', importLimits: { maxRows: 10_000, maxBytes: 10 * 1024 * 1024 } });
  admin = await adminToken(h);
});

afterAll(async () => {
  await h?.teardown();
});

function upload(content: string | Buffer, query = '', token = admin) {
  return h.http
    .post(`/api/account-imports${query}`)
    .set('Authorization', `Bearer ${token}`)
    .set('Content-Type', 'text/csv')
    .send(Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'));
}

const dryRun = (content: string | Buffer, token = admin) => upload(content, '?dryRun=true', token);

async function accountCount(prefix: string): Promise<number> {
  return h.db.orm.em.fork().count(Account, { code: { $like: `${prefix}%` } });
}

async function importToTheEnd(content: string | Buffer, token = admin) {
  const started = await upload(content, '', token);
  if (started.status !== 202)
    throw new Error(
      h.logLines
        .filter((line) => line.includes('unhandled'))
        .join('\n')
        .slice(0, 3000),
    );
  expect(started.status).toBe(202);
  const importId = started.body.importId as string;
  return eventually(async () => {
    const res = await h.http.get(`/api/account-imports/${importId}`).set('Authorization', `Bearer ${token}`);
    expect(res.body.status).toBe('done');
    return res.body as { importId: string; progress: Record<string, number> };
  }, 120_000);
}

function csvRows(text: string): string[][] {
  return parse(text, { bom: true }) as string[][];
}

async function exportCsv(query = '', token = admin) {
  const res = await h.http
    .get(`/api/exports/accounts${query}`)
    .set('Authorization', `Bearer ${token}`)
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
    });
  return { status: res.status, text: res.body as string, type: res.headers['content-type'] };
}

describe('dry run', () => {
  it('answers every row as create, update, unchanged or error with the field, and writes nothing', async () => {
    await createAccount(h, admin, { code: 'D0001', shortName: '山田', emails: ['d0001@example.test'] });
    const unchanged = accountRow(1, 'D');
    unchanged[0] = 'D0001';
    unchanged[2] = '山田';
    unchanged[3] = '太郎';
    unchanged[4] = 'ヤマダ';
    unchanged[5] = 'タロウ';
    unchanged[6] = '山田';
    unchanged[7] = 'd0001@example.test';
    const csv = toCsv([
      importHeader,
      unchanged,
      accountRow(2, 'D'),
      [...accountRow(3, 'D').slice(0, 6), '', ...accountRow(3, 'D').slice(7)],
    ]);
    const res = await dryRun(csv);
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({ total: 3, create: 1, update: 0, unchanged: 1, error: 1 });
    expect(res.body.rows.map((row: { outcome: string }) => row.outcome)).toEqual(['unchanged', 'create', 'error']);
    expect(res.body.rows[2]).toMatchObject({ row: 4, code: 'D00003', field: 'shortName' });

    const changed = [...unchanged];
    changed[2] = '山川';
    const update = await dryRun(toCsv([importHeader, changed]));
    expect(update.body.rows[0]).toMatchObject({ outcome: 'update', code: 'D0001' });
    expect(await accountCount('D000')).toBe(1);
    const kept = await h.db.orm.em.fork().findOneOrFail(Account, { code: 'D0001' });
    expect(kept.lastName).toBe('山田');
  });
});

describe('file problems', () => {
  it('an empty file is a 400, a header-only file has no rows', async () => {
    const empty = await dryRun('');
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: 'CSV_EMPTY', field: 'file' });
    const headerOnly = await dryRun(toCsv([importHeader]));
    expect(headerOnly.status).toBe(200);
    expect(headerOnly.body.summary.total).toBe(0);
  });

  it('an unknown column or a password column is a 400 naming the column; nothing is read', async () => {
    const unknown = await dryRun(
      toCsv([
        [...importHeader, '血液型'],
        [...accountRow(1, 'U'), 'A'],
      ]),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'UNKNOWN_COLUMN', field: '血液型' });
    const password = await dryRun(
      toCsv([
        [...importHeader, 'password'],
        [...accountRow(1, 'U'), 'Secret-123'],
      ]),
    );
    expect(password.status).toBe(400);
    expect(password.body.error.code).toBe('PASSWORD_COLUMN_REFUSED');
  });

  it('more rows or bytes than the limit is a 413 with the limit', async () => {
    const tooMany = await dryRun(generatedCsv(10_001, { prefix: 'L' }));
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error.code).toBe('TOO_MANY_ROWS');
    expect(tooMany.body.error.message).toContain('10000');
    const tooLarge = await dryRun(Buffer.alloc(10 * 1024 * 1024 + 1, 0x41));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('FILE_TOO_LARGE');
    expect(maxBytes).toBeGreaterThan(0);
  });

  it('English headers, CP932 (Excel) and UTF-8 with BOM are read alike', async () => {
    const rows = [importHeader, accountRow(1, 'J'), accountRow(2, 'J')];
    const cp932 = iconv.encode(toCsv(rows), 'cp932');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(toCsv(rows), 'utf8')]);
    const english = toCsv([
      [
        'code',
        'type',
        'lastName',
        'firstName',
        'lastNameKana',
        'firstNameKana',
        'shortName',
        'email1',
        'effectiveDate',
        'departmentCode',
        'controlDepartmentCode',
        'reportingControlDepartmentCode',
        'roleCode',
      ],
      ...rows.slice(1),
    ]);
    for (const file of [cp932, bom, english]) {
      const res = await dryRun(file);
      expect(res.status).toBe(200);
      expect(res.body.summary).toMatchObject({ total: 2, create: 2, error: 0 });
    }
    await importToTheEnd(cp932);
    const account = await h.db.orm.em.fork().findOneOrFail(Account, { code: 'J00001' });
    expect([account.lastName, account.firstName, account.firstNameKana]).toEqual(['鈴木', '太郎', 'タロウ']);
  });

  it('quoted cells keep commas and quotes; a quoted line break stays in its cell (and names no allowed field)', async () => {
    const header = [...importHeader, '備考'];
    const note = '営業部, 東京 "本社" 勤務';
    const csv = toCsv([
      header,
      [...accountRow(1, 'Q'), note],
      [...accountRow(2, 'Q'), '一行目\n二行目'],
      [...accountRow(3, 'Q'), ''],
    ]);
    const preview = await dryRun(csv);
    expect(preview.body.rows).toEqual([
      expect.objectContaining({ row: 2, outcome: 'create' }),
      expect.objectContaining({ row: 3, outcome: 'error', field: 'note' }),
      expect.objectContaining({ row: 4, outcome: 'create' }),
    ]);
    const res = await importToTheEnd(csv);
    expect(res.progress).toMatchObject({ total: 3, created: 2, failed: 1 });
    expect((await h.db.orm.em.fork().findOneOrFail(Account, { code: 'Q00001' })).note).toBe(note);
  });

  it('the words of a column of a few values (一般, 日本語) are read in that column only; a note keeps them', async () => {
    const csv = toCsv([
      [...importHeader, '勤務形態', '言語', '備考'],
      [...accountRow(1, 'V'), 'フレックス', '英語', '一般'],
      [...accountRow(2, 'V'), '一般', '日本語', 'toString'],
    ]);
    const res = await importToTheEnd(csv);
    expect(res.progress).toMatchObject({ total: 2, created: 2, failed: 0 });
    const em = h.db.orm.em.fork();
    const [first, second] = await em.find(
      Account,
      { code: { $in: ['V00001', 'V00002'] } },
      { orderBy: { code: 'asc' } },
    );
    expect([first!.workStyle, first!.locale, first!.note]).toEqual(['flex', 'en', '一般']);
    expect([second!.workStyle, second!.locale, second!.note]).toEqual(['general', 'ja', 'toString']);
  });

  it('formula cells and codes repeated in the file are row errors; the other rows go on', async () => {
    const formula = accountRow(1, 'F');
    formula[3] = '=HYPERLINK("http://evil.test")';
    const plus = accountRow(2, 'F');
    plus[6] = '+81';
    const csv = toCsv([importHeader, formula, plus, accountRow(3, 'F'), accountRow(3, 'F')]);
    const res = await dryRun(csv);
    expect(res.body.rows).toEqual([
      expect.objectContaining({ row: 2, outcome: 'error', field: 'firstName', errorCode: 'FORMULA_CELL' }),
      expect.objectContaining({ row: 3, outcome: 'error', field: 'shortName', errorCode: 'FORMULA_CELL' }),
      expect.objectContaining({ row: 4, outcome: 'create' }),
      expect.objectContaining({ row: 5, outcome: 'error', field: 'code', errorCode: 'DUPLICATE_CODE_IN_FILE' }),
    ]);
  });
});

describe('row messages', () => {
  /** One row of each problem: formula, repeated code, too few cells, an address, a department that does not exist. */
  function faultyCsv(): string {
    const formula = accountRow(1, 'M');
    formula[3] = '=1+1';
    const email = accountRow(3, 'M');
    email[7] = 'not-an-address';
    const department = accountRow(4, 'M');
    department[9] = 'NOPE';
    const short = accountRow(5, 'M').slice(0, 5);
    return toCsv([importHeader, formula, accountRow(2, 'M'), accountRow(2, 'M'), email, department, short]);
  }
  type Row = { row: number; errorCode: string; message: string };
  const messages = (rows: Row[]) => rows.map((row) => [row.row, row.errorCode, row.message]);

  it('are Japanese by default and English with Accept-Language: en, in the dry run and in the results file', async () => {
    const ja = await dryRun(faultyCsv());
    expect(ja.status).toBe(200);
    expect(messages(ja.body.rows)).toEqual([
      [2, 'FORMULA_CELL', '名: 先頭が = + - @ の値(表計算の数式)は取り込めません。'],
      [3, '', ''],
      [4, 'DUPLICATE_CODE_IN_FILE', 'アカウントコード「M00002」はファイルの3行目にもあります。'],
      [5, 'VALIDATION_FAILED', '入力内容に誤りがあります(メールアドレス1)。'],
      [6, 'UNKNOWN_DEPARTMENT', '部門が見つかりません(所属部門コード)。'],
      [7, 'COLUMN_COUNT', '項目数が5個です。ヘッダーは13項目です(7行目)。'],
    ]);

    const en = await upload(faultyCsv(), '?dryRun=true').set('Accept-Language', 'en');
    expect(messages(en.body.rows)).toEqual([
      [2, 'FORMULA_CELL', 'firstName: a cell may not start with = + - @ (spreadsheet formula).'],
      [3, '', ''],
      [4, 'DUPLICATE_CODE_IN_FILE', 'The code "M00002" is also on row 3.'],
      [5, 'VALIDATION_FAILED', 'email1: Invalid email address'],
      [6, 'UNKNOWN_DEPARTMENT', expect.stringContaining('NOPE')],
      [7, 'COLUMN_COUNT', 'The row has 5 cells; the header has 13 (line 7).'],
    ]);
    // The field stays the column's English name, as a program reads it.
    expect(ja.body.rows.map((row: { field: string }) => row.field)).toEqual(
      en.body.rows.map((row: { field: string }) => row.field),
    );

    // Started in English; the results file speaks the language of whoever downloads it.
    const started = await upload(faultyCsv()).set('Accept-Language', 'en');
    expect(started.status).toBe(202);
    const importId = started.body.importId as string;
    await eventually(async () => {
      const res = await h.http.get(`/api/account-imports/${importId}`).set('Authorization', `Bearer ${admin}`);
      expect(res.body.status).toBe('done');
    }, 30_000);
    const results = (language?: string) => {
      const request = h.http.get(`/api/account-imports/${importId}/results`).set('Authorization', `Bearer ${admin}`);
      return language ? request.set('Accept-Language', language) : request;
    };
    const jaFile = csvRows((await results()).text);
    expect(jaFile.map((line) => [line[0], line[4], line[5]])).toEqual([
      ['行', 'エラーコード', 'メッセージ'],
      ...messages(ja.body.rows).map(([row, code, message]) => [String(row), code, message]),
    ]);
    const enFile = csvRows((await results('en')).text);
    expect(enFile.map((line) => [line[0], line[4], line[5]])).toEqual([
      ['row', 'errorCode', 'message'],
      ...messages(en.body.rows).map(([row, code, message]) => [String(row), code, message]),
    ]);
  });
});

describe('10,000 rows', () => {
  it('dry run answers every row; the import applies the good ones and reports the 50 bad ones', async () => {
    const count = 10_000;
    const bad = fiftyBadRows(count);
    const csv = generatedCsv(count, { bad, prefix: 'T' });

    const preview = await dryRun(csv);
    expect(preview.status).toBe(200);
    expect(preview.body.rows).toHaveLength(count);
    expect(preview.body.summary).toEqual({ total: count, create: count - 50, update: 0, unchanged: 0, error: 50 });
    expect(await accountCount('T')).toBe(0);

    // Its speed is measured by `npm run bench:import`, not here.
    const done = await importToTheEnd(csv);
    expect(done.progress).toMatchObject({ total: count, pending: 0, created: count - 50, failed: 50 });
    expect(await accountCount('T')).toBe(count - 50);

    const results = await h.http
      .get(`/api/account-imports/${done.importId}/results`)
      .set('Authorization', `Bearer ${admin}`)
      .set('Accept-Language', 'en');
    expect(results.status).toBe(200);
    expect(results.headers['content-type']).toContain('text/csv');
    const lines = csvRows(results.text);
    expect(lines[0]).toEqual(['row', 'code', 'outcome', 'field', 'errorCode', 'message']);
    expect(lines).toHaveLength(count + 1);
    const errors = lines.filter((line) => line[2] === 'error');
    expect(errors).toHaveLength(50);
    const expectedFields = [...bad].sort((a, b) => a - b).map((_, k) => badRowKinds[k % badRowKinds.length]!.field);
    expect(errors.map((line) => line[3])).toEqual(expectedFields);
    for (const line of errors) expect(line[5]!.length).toBeGreaterThan(3);
    // Imported accounts have no password yet: 未発行, and the issuance status filter finds them.
    const unissued = await h.http
      .get('/api/accounts?issuanceStatus=unissued&code=T&limit=1')
      .set('Authorization', `Bearer ${admin}`);
    expect(unissued.body.total).toBe(count - 50);
    const pending = await h.http
      .get('/api/accounts?issuanceStatus=auth-pending&code=T&limit=1')
      .set('Authorization', `Bearer ${admin}`);
    expect(pending.body.total).toBe(0);
  });
});

describe('export', () => {
  it('export → dry-run import answers every row "unchanged"', async () => {
    const exported = await exportCsv('?includeDisabled=true&includeLoginDisabled=true');
    expect(exported.status).toBe(200);
    expect(exported.type).toContain('text/csv');
    const rows = csvRows(exported.text);
    expect(rows.length).toBeGreaterThan(9_950);
    const res = await dryRun(exported.text);
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({
      total: rows.length - 1,
      create: 0,
      update: 0,
      unchanged: rows.length - 1,
      error: 0,
    });
  });

  it('takes the list filters and neutralises formula-looking cells', async () => {
    await createAccount(h, admin, { code: 'X0001', lastName: '-井上', shortName: '=1+1' });
    const { text } = await exportCsv('?code=X0001');
    const rows = csvRows(text);
    expect(rows).toHaveLength(2);
    const header = rows[0]!;
    expect(rows[1]![header.indexOf('氏名略名')]).toBe("'=1+1");
    expect(rows[1]![header.indexOf('姓')]).toBe("'-井上");
    expect(rows[1]![header.indexOf('パスワード')]).toBe('未発行');
    const english = await h.http
      .get('/api/exports/accounts?code=X0001')
      .set('Authorization', `Bearer ${admin}`)
      .set('Accept-Language', 'en');
    expect(csvRows(english.text)[0]!.slice(0, 2)).toEqual(['code', 'type']);
  });
});

describe('automatic account codes', () => {
  it("numbers the new accounts in the file's order, one number each, though chunks may run two at once", async () => {
    const settings = (body: Record<string, unknown>) =>
      h.http.patch('/api/settings').set('Authorization', `Bearer ${admin}`).send(body);
    expect((await settings({ accountCodeNumbering: 'auto' })).status).toBe(200);
    try {
      const count = 1_200;
      const rows = Array.from({ length: count }, (_, index) => accountRow(index + 1, 'N').slice(1));
      const done = await importToTheEnd(toCsv([importHeader.slice(1), ...rows]));
      expect(done.progress).toMatchObject({ total: count, created: count, failed: 0 });
      // Row by row in the file's order (the e-mail addresses carry the row number): one number each, consecutive.
      const numbered = await h.db.orm.em
        .fork()
        .getConnection()
        .execute<{ code: string }[]>(`select code from account where email1 like 'n%@example.test' order by email1`);
      const codes = numbered.map((row) => Number(row.code));
      expect(codes).toHaveLength(count);
      expect(codes.map((code) => code - codes[0]!)).toEqual(Array.from({ length: count }, (_, index) => index));
    } finally {
      await settings({ accountCodeNumbering: 'manual' });
    }
  });
});

describe('authorization', () => {
  let employee: string;
  let reader: string;
  let other: string;

  beforeAll(async () => {
    const role = await h.http
      .post('/api/roles')
      .set('Authorization', `Bearer ${admin}`)
      .send({ code: 'reader', name: '参照のみ', permissions: ['accounts:read'] });
    expect(role.status).toBe(201);
    for (const [code, roleCode] of [
      ['EMP01', 'employee'],
      ['RDR01', 'reader'],
      ['UAD01', 'user-admin'],
    ] as const) {
      await createAccount(h, admin, { code, roleCode, password: defaultInitialPassword });
      await h.db.orm.em.fork().nativeUpdate(Account, { code }, { mustChangePassword: false });
    }
    const logIn = async (company: string, loginId: string, password: string) => {
      const res = await h.http.post('/api/auth/login').send({ companyCode: company, loginId, password });
      expect(res.status).toBe(200);
      return res.body.token as string;
    };
    employee = await logIn(companyCode, 'EMP01', defaultInitialPassword);
    reader = await logIn(companyCode, 'RDR01', defaultInitialPassword);
    await bootstrapCompany(h.db.orm.em.fork(), { code: 'other', name: '他社', adminPassword: 'Other-Admin-passw0rd' });
    other = await logIn('other', 'Admin', 'Other-Admin-passw0rd');
  });

  it('an employee may neither import nor export; a read-only custom role may export only', async () => {
    const csv = toCsv([importHeader, accountRow(1, 'Z')]);
    expect((await dryRun(csv, employee)).status).toBe(403);
    expect((await upload(csv, '', employee)).status).toBe(403);
    expect((await exportCsv('', employee)).status).toBe(403);
    expect((await dryRun(csv, reader)).status).toBe(403);
    expect((await exportCsv('?code=Z', reader)).status).toBe(200);
    expect(await accountCount('Z')).toBe(0);
  });

  it('a user administrator cannot import a system administrator or change one', async () => {
    const userAdmin = (
      await h.http.post('/api/auth/login').send({ companyCode, loginId: 'UAD01', password: defaultInitialPassword })
    ).body.token as string;
    const elevated = accountRow(1, 'Y');
    elevated[12] = 'system-admin';
    const res = await dryRun(toCsv([importHeader, elevated, accountRow(2, 'Y')]), userAdmin);
    expect(res.body.rows[0]).toMatchObject({ outcome: 'error', errorCode: 'ROLE_ABOVE_OWN', field: 'roleCode' });
    expect(res.body.rows[1]).toMatchObject({ outcome: 'create' });
  });

  it("another company's accounts never appear in its export and are never changed by its import", async () => {
    const { text } = await exportCsv('', other);
    const codes = csvRows(text)
      .slice(1)
      .map((row) => row[0]);
    expect(codes).toEqual(['Admin']);
    const sameCode = accountRow(1, 'T');
    const res = await dryRun(toCsv([importHeader, sameCode]), other);
    // Its own new account, not an update of ours.
    expect(res.body.rows[0]).toMatchObject({ outcome: 'create', code: 'T00001' });
    const results = await h.http.get(`/api/account-imports`).set('Authorization', `Bearer ${other}`);
    expect(results.body.items).toEqual([]);
    // Our imports do not exist for them, nor their results files.
    const ours = await h.http.get(`/api/account-imports`).set('Authorization', `Bearer ${admin}`);
    const ourImport = ours.body.items[0].importId as string;
    for (const path of [`/api/account-imports/${ourImport}`, `/api/account-imports/${ourImport}/results`]) {
      const res = await h.http.get(path).set('Authorization', `Bearer ${other}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('IMPORT_NOT_FOUND');
    }
  });

  it('an imported account holds what one registration gives: its rank, its first assignment, its account.create event', async () => {
    const as = (path: string) => h.http.get(path).set('Authorization', `Bearer ${other}`);
    const rank = await h.http
      .post('/api/ranks')
      .set('Authorization', `Bearer ${other}`)
      .send({ code: 'R1', name: '一般' });
    expect(rank.status).toBe(201);
    const header = [...importHeader, '社員ランク適用年月', '社員ランク'];
    const ranked = [1, 2].map((index) => [...accountRow(index, 'K'), '2026-04', 'R1']);
    // Own accounts need a rank once the company has ranks: this row is refused and nothing of it is written.
    const unranked = [...accountRow(3, 'K'), '', ''];
    const done = await importToTheEnd(toCsv([header, ...ranked, unranked]), other);
    expect(done.progress).toMatchObject({ total: 3, created: 2, failed: 1 });

    const account = await as('/api/accounts/K00002');
    expect(account.status).toBe(200);
    expect(account.body).toMatchObject({
      code: 'K00002',
      lastName: '高橋',
      current: { effectiveDate: '2026-04-01', departmentCode: '0', roleCode: 'employee' },
      passwordStatus: 'unissued',
      mustChangePassword: true,
    });
    expect(account.body.ranks).toEqual([expect.objectContaining({ effectiveMonth: '2026-04', rankCode: 'R1' })]);
    const history = await as('/api/accounts/K00002/assignments');
    expect(history.body.items).toEqual([
      expect.objectContaining({ source: 'registration', effectiveDate: '2026-04-01', departmentCode: '0' }),
    ]);
    const events = await as('/api/audit-events?account=K00002');
    const created = events.body.items.filter((event: { action: string }) => event.action === 'account.create');
    expect(created).toHaveLength(1);
    expect(created[0].changes).toEqual(expect.arrayContaining([{ field: 'lastName', before: null, after: '高橋' }]));
    expect((await as('/api/accounts/K00003')).status).toBe(404);
    const verified = await h.http.post('/api/audit-events/verify').set('Authorization', `Bearer ${other}`);
    expect(verified.body).toMatchObject({ ok: true, firstBroken: null });
  });
});
