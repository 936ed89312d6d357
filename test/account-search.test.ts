import type { EntityManager } from '@mikro-orm/postgresql';
import request from 'supertest';
import { createApp } from '../api/app';
import {
  Account,
  Company,
  Department,
  Partner,
  Project,
  ProjectMember,
  ReportingDepartment,
  Role,
  type AccountType,
} from '../entities';
import { bootstrapCompany } from '../lib/bootstrap';
import { createLogger } from '../lib/logger';
import { SecretBox } from '../lib/secret-box';
import { createTemporalClient } from '../lib/temporal-client';
import { accountSearchCriteria, accountSearchQuery } from '../domain/accounts/account-list';
import { searchAccounts } from '../domain/accounts/account-search-query';
import { createTestDatabase, type TestDatabase } from './support/database';

/**
 * アカウント一覧 on a real database: every filter of the seed, paging, sorting and bad input. Each
 * filter's expected set differs from the unfiltered list, so a filter the search ignored would fail.
 */
let db: TestDatabase;
let http: ReturnType<typeof request>;
let token: string;

const adminPassword = 'Admin-Test-Password-1';

interface AccountSeed {
  code: string;
  type?: AccountType;
  name: [string, string];
  kana: [string, string];
  department: string;
  partner?: Partner;
  set?: Partial<Account>;
}

async function seedAccounts(em: EntityManager): Promise<void> {
  const company = await em.findOneOrFail(Company, { code: 'srch' });
  const companyRef = em.getReference(Company, company.id, { wrapped: true });
  const role = await em.findOneOrFail(Role, { company, code: 'employee' });
  const reportingRoot = await em.findOneOrFail(ReportingDepartment, { company, code: '0' });
  const root = await em.findOneOrFail(Department, { company, code: '0' });
  const ref = (department: Department) => em.getReference(Department, department.id, { wrapped: true });
  const d1 = new Department(companyRef, 'D1', '営業本部', ref(root));
  const d11 = new Department(companyRef, 'D11', '営業1部', ref(d1));
  const d2 = new Department(companyRef, 'D2', '開発本部', ref(root));
  const departments = new Map([
    ['D1', d1],
    ['D11', d11],
    ['D2', d2],
  ]);
  const contractor = new Partner(companyRef, 'contractor', 'C0001-01', '委託先A');
  const customer = new Partner(companyRef, 'customer', 'K0001-01', '顧客B');
  // A customer with the contractor's code: a partner code is unique per kind only.
  const customerSameCode = new Partner(companyRef, 'customer', 'C0001-01', '顧客C');
  em.persist([d1, d11, d2, contractor, customer, customerSameCode]);

  const seeds: AccountSeed[] = [
    {
      code: 'S001',
      name: ['山田', '太郎'],
      kana: ['ヤマダ', 'タロウ'],
      department: 'D11',
      set: {
        lastLoginAt: new Date('2026-11-01T00:00:00Z'),
        passwordStatus: 'issued',
        passwordIssuedVia: 'pdf',
        authStatus: 'pending',
        authRequestedAt: new Date('2026-11-02T03:04:05Z'),
      },
    },
    {
      code: 'S002',
      name: ['山本', '花子'],
      kana: ['ヤマモト', 'ハナコ'],
      department: 'D1',
      set: { shortName: 'ハナ', lastLoginAt: new Date('2026-11-10T00:00:00Z') },
    },
    {
      code: 'S003',
      name: ['田中', '一郎'],
      kana: ['ﾀﾅｶ', 'ｲﾁﾛｳ'],
      department: 'D2',
      set: { lockedAt: new Date('2026-11-20T00:00:00Z'), failedLoginCount: 5, failedLoginWindowStartedAt: new Date() },
    },
    { code: 'S010', type: 'contractor', name: ['佐藤', '健'], kana: ['サトウ', 'ケン'], department: 'D2' },
    { code: 'S011', type: 'customer', name: ['Smith', 'John'], kana: ['スミス', 'ジョン'], department: 'D11' },
    { code: 'S012', type: 'customer', name: ['伊藤', '美咲'], kana: ['イトウ', 'ミサキ'], department: 'D2' },
    { code: 'S020', name: ['藤田', '翔'], kana: ['フジタ', 'ショウ'], department: 'D11', set: { disabled: true } },
    { code: 'S021', name: ['加藤', '愛'], kana: ['カトウ', 'アイ'], department: 'D1', set: { loginDisabled: true } },
    { code: 'A_1', name: ['鈴木', '誠'], kana: ['スズキ', 'マコト'], department: 'D2' },
    { code: 'AB1', name: ['高橋', '亮'], kana: ['タカハシ', 'リョウ'], department: 'D2' },
  ];
  const partnersByCode: Record<string, Partner> = { S010: contractor, S011: customer, S012: customerSameCode };
  const accounts = new Map<string, Account>();
  for (const seed of seeds) {
    const department = ref(departments.get(seed.department)!);
    const account = new Account({
      company: companyRef,
      code: seed.code,
      type: seed.type ?? 'own',
      lastName: seed.name[0],
      firstName: seed.name[1],
      effectiveDate: '2026-04-01',
      department,
      controlDepartment: department,
      reportingControlDepartment: em.getReference(ReportingDepartment, reportingRoot.id, { wrapped: true }),
      role: em.getReference(Role, role.id, { wrapped: true }),
    });
    [account.lastNameKana, account.firstNameKana] = seed.kana;
    const partner = partnersByCode[seed.code];
    if (partner) account.partner = em.getReference(Partner, partner.id, { wrapped: true });
    Object.assign(account, seed.set ?? {});
    accounts.set(seed.code, account);
    em.persist(account);
  }
  const project1 = new Project(companyRef, 'P0001-01', '案件1');
  const project2 = new Project(companyRef, 'P0002-01', '案件2');
  const member = (project: Project, code: string, role: 'pm' | 'member') =>
    new ProjectMember(
      em.getReference(Project, project.id, { wrapped: true }),
      em.getReference(Account, accounts.get(code)!.id, { wrapped: true }),
      role,
    );
  em.persist([
    project1,
    project2,
    member(project1, 'S001', 'pm'),
    member(project1, 'S010', 'member'),
    member(project2, 'S002', 'member'),
  ]);
  await em.flush();
}

beforeAll(async () => {
  db = await createTestDatabase();
  await bootstrapCompany(db.orm.em.fork(), { code: 'srch', name: '検索株式会社', adminPassword });
  await seedAccounts(db.orm.em.fork());
  const app = createApp({
    orm: db.orm,
    temporal: createTemporalClient({ address: '127.0.0.1:1', namespace: 'default' }),
    secretBox: new SecretBox(Buffer.alloc(32, 9)),
    logger: createLogger({ level: 'silent' }),
    publicBaseUrl: 'http://localhost:3999',
    sessionTtlMinutes: 60,
  });
  http = request(app.app);
  const login = await http
    .post('/api/auth/login')
    .send({ companyCode: 'srch', loginId: 'Admin', password: adminPassword });
  expect(login.status).toBe(200);
  token = login.body.token as string;
});

afterAll(async () => {
  await db?.drop();
});

function search(query: Record<string, string | number>) {
  return http.get('/api/accounts').query(query).set('Authorization', `Bearer ${token}`);
}

/** The statements one search ran, straight through the domain layer. */
async function statementsOf(companyId: string, query: Record<string, string>): Promise<string[]> {
  const statements: string[] = [];
  const connection = db.orm.em.getConnection();
  await searchAccounts(
    async (statement) => {
      statements.push(statement.sql);
      return connection.execute(statement.sql, statement.bindings);
    },
    accountSearchCriteria(companyId, accountSearchQuery.parse(query)),
  );
  return statements;
}

/** The codes found, in the order returned. */
async function codes(query: Record<string, string | number>): Promise<string[]> {
  const res = await search({ limit: 500, ...query });
  expect(res.status).toBe(200);
  expect(res.body.total).toBe(res.body.items.length);
  return (res.body.items as { code: string }[]).map((item) => item.code);
}

/** The codes found, sorted here, for filters where the order is not the point. */
async function found(query: Record<string, string | number>): Promise<string[]> {
  return (await codes(query)).sort();
}

const listedByDefault = ['A_1', 'AB1', 'Admin', 'S001', 'S002', 'S003', 'S010', 'S011', 'S012'].sort();

describe('default list', () => {
  it('leaves out disabled and login-disabled accounts unless asked to include them', async () => {
    expect(await found({})).toEqual(listedByDefault);
    expect(await found({ includeDisabled: 'true' })).toEqual([...listedByDefault, 'S020'].sort());
    expect(await found({ includeLoginDisabled: 'true' })).toEqual([...listedByDefault, 'S021'].sort());
    expect(await found({ includeDisabled: 'true', includeLoginDisabled: 'true' })).toEqual(
      [...listedByDefault, 'S020', 'S021'].sort(),
    );
    expect(await found({ includeDisabled: 'false', includeLoginDisabled: 'false' })).toEqual(listedByDefault);
  });

  it("shows the seed's columns", async () => {
    const res = await search({ code: 'S0' });
    const byCode = Object.fromEntries((res.body.items as { code: string }[]).map((item) => [item.code, item]));
    expect(byCode.S001).toEqual({
      code: 'S001',
      name: '山田太郎',
      lastName: '山田',
      firstName: '太郎',
      kana: 'ヤマダタロウ',
      type: 'own',
      typeLabel: '自社',
      departmentCode: 'D11',
      departmentName: '営業1部',
      partnerCode: null,
      partnerName: null,
      lastLoginAt: '2026-11-01T00:00:00.000Z',
      lockedAt: null,
      failedLoginCount: 0,
      disabled: false,
      loginDisabled: false,
      passwordStatus: 'issued',
      passwordIssuedVia: 'pdf',
      authStatus: 'pending',
      statusLabels: { password: 'PDF発行済', auth: '認証待ち' },
      authRequestedAt: '2026-11-02T03:04:05.000Z',
    });
    expect(byCode.S002).toMatchObject({ name: 'ハナ', statusLabels: { password: '未発行', auth: '未' } });
    expect(byCode.S003).toMatchObject({ lockedAt: '2026-11-20T00:00:00.000Z', failedLoginCount: 5 });
    expect(byCode.S010).toMatchObject({
      type: 'contractor',
      typeLabel: '委託先',
      partnerCode: 'C0001-01',
      partnerName: '委託先A',
    });
    expect(byCode.S012).toMatchObject({
      type: 'customer',
      typeLabel: '顧客',
      partnerCode: 'C0001-01',
      partnerName: '顧客C',
    });
  });
});

describe('filters', () => {
  it('matches the account code from the start only, with LIKE wildcards taken literally', async () => {
    expect(await found({ code: 'S00' })).toEqual(['S001', 'S002', 'S003']);
    expect(await found({ code: 'A_' })).toEqual(['A_1']);
    expect(await found({ code: '001' })).toEqual([]);
  });

  it('filters by account type', async () => {
    expect(await found({ type: 'contractor' })).toEqual(['S010']);
    expect(await found({ type: 'customer' })).toEqual(['S011', 'S012']);
  });

  it('filters by partner code, of the kind the type names', async () => {
    expect(await found({ partnerCode: 'C0001-01' })).toEqual(['S010', 'S012']);
    expect(await found({ partnerCode: 'C0001-01', type: 'contractor' })).toEqual(['S010']);
    expect(await found({ partnerCode: 'C0001-01', type: 'customer' })).toEqual(['S012']);
    expect(await found({ partnerCode: 'K0001-01' })).toEqual(['S011']);
    expect(await found({ partnerCode: 'X9999-01' })).toEqual([]);
  });

  it('matches 氏名 anywhere in 姓名, for one, two and more characters, ignoring spaces and case', async () => {
    expect(await found({ name: '藤' })).toEqual(['S010', 'S012']);
    expect(await found({ name: '藤', includeDisabled: 'true', includeLoginDisabled: 'true' })).toEqual([
      'S010',
      'S012',
      'S020',
      'S021',
    ]);
    expect(await found({ name: '山' })).toEqual(['S001', 'S002']);
    expect(await found({ name: '山田' })).toEqual(['S001']);
    expect(await found({ name: '花子' })).toEqual(['S002']);
    expect(await found({ name: '田太' })).toEqual(['S001']);
    expect(await found({ name: '田中一' })).toEqual(['S003']);
    expect(await found({ name: '山田太郎' })).toEqual(['S001']);
    expect(await found({ name: '山田　太郎' })).toEqual(['S001']);
    expect(await found({ name: 'jo' })).toEqual(['S011']);
    expect(await found({ name: 'SMITH J' })).toEqual(['S011']);
    expect(await found({ name: '100%' })).toEqual([]);
  });

  it('matches 氏名カナ anywhere, reading hiragana and half-width katakana as katakana', async () => {
    expect(await found({ kana: 'ト' })).toEqual(['A_1', 'S002', 'S010', 'S012']);
    expect(await found({ kana: 'ヤマ' })).toEqual(['S001', 'S002']);
    expect(await found({ kana: 'やまだ' })).toEqual(['S001']);
    expect(await found({ kana: 'サトウ ケン' })).toEqual(['S010']);
    // S003's kana was registered in half-width katakana.
    expect(await found({ kana: 'タナカ' })).toEqual(['S003']);
    expect(await found({ kana: 'ﾀﾅ' })).toEqual(['S003']);
  });

  it('filters by department, with or without the departments below it', async () => {
    expect(await found({ departmentCode: 'D1' })).toEqual(['S002']);
    expect(await found({ departmentCode: 'D1', includeSubDepartments: 'true' })).toEqual(['S001', 'S002', 'S011']);
    expect(await found({ departmentCode: 'D11', includeSubDepartments: 'true' })).toEqual(['S001', 'S011']);
    expect(await found({ departmentCode: '0', includeSubDepartments: 'true' })).toEqual(listedByDefault);
    expect(await found({ departmentCode: '0' })).toEqual(['Admin']);
    expect(await found({ departmentCode: 'NONE' })).toEqual([]);
  });

  it('finds the members of a project', async () => {
    expect(await found({ projectCode: 'P0001-01' })).toEqual(['S001', 'S010']);
    expect(await found({ projectCode: 'P0002-01' })).toEqual(['S002']);
    expect(await found({ projectCode: 'P0003-01' })).toEqual([]);
  });

  it('finds only locked-out accounts when asked', async () => {
    expect(await found({ lockedOnly: 'true' })).toEqual(['S003']);
    expect(await found({ lockedOnly: 'false' })).toEqual(listedByDefault);
  });

  it('combines filters', async () => {
    expect(await found({ name: '藤', type: 'contractor' })).toEqual(['S010']);
    expect(
      await found({ kana: 'ヤマ', departmentCode: 'D1', includeSubDepartments: 'true', projectCode: 'P0001-01' }),
    ).toEqual(['S001']);
  });
});

describe('paging and sorting', () => {
  it('pages with limit and offset and counts every match', async () => {
    const pages = [];
    for (const offset of [0, 2, 4, 6]) {
      const res = await search({ code: 'S0', limit: 2, offset });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(6);
      pages.push((res.body.items as { code: string }[]).map((item) => item.code));
    }
    expect(pages).toEqual([['S001', 'S002'], ['S003', 'S010'], ['S011', 'S012'], []]);
    expect((await search({ code: 'S0', limit: 4, offset: 4 })).body).toMatchObject({ total: 6 });
  });

  it('sorts by code, kana, department, last login and lockout, either way', async () => {
    expect(await codes({ code: 'S0' })).toEqual(['S001', 'S002', 'S003', 'S010', 'S011', 'S012']);
    expect(await codes({ code: 'S0', order: 'desc' })).toEqual(['S012', 'S011', 'S010', 'S003', 'S002', 'S001']);
    expect(await codes({ code: 'S01', sort: 'kana' })).toEqual(['S012', 'S010', 'S011']);
    expect(await codes({ code: 'S01', sort: 'kana', order: 'desc' })).toEqual(['S011', 'S010', 'S012']);
    expect(await codes({ code: 'S00', sort: 'department' })).toEqual(['S002', 'S001', 'S003']);
    expect(await codes({ code: 'S00', sort: 'department', order: 'desc' })).toEqual(['S003', 'S001', 'S002']);
    // Never logged in comes last either way.
    expect(await codes({ code: 'S00', sort: 'lastLoginAt' })).toEqual(['S001', 'S002', 'S003']);
    expect(await codes({ code: 'S00', sort: 'lastLoginAt', order: 'desc' })).toEqual(['S002', 'S001', 'S003']);
    expect(await codes({ code: 'S00', sort: 'lockedAt' })).toEqual(['S003', 'S001', 'S002']);
    expect(await codes({ code: 'S00', sort: 'lockedAt', order: 'desc' })).toEqual(['S003', 'S002', 'S001']);
  });
});

describe('paging and sorting, page by page', () => {
  it('returns, page after page, exactly the rows of one long page, in every order', async () => {
    for (const sort of ['code', 'kana', 'department', 'lastLoginAt', 'lockedAt']) {
      for (const order of ['asc', 'desc']) {
        const all = await codes({ sort, order, includeDisabled: 'true' });
        const paged: string[] = [];
        for (let offset = 0; offset < all.length + 2; offset += 2) {
          const res = await search({ sort, order, includeDisabled: 'true', limit: 2, offset });
          expect(res.status).toBe(200);
          expect(res.body).toMatchObject({ total: all.length, totalIsLowerBound: false });
          paged.push(...(res.body.items as { code: string }[]).map((item) => item.code));
        }
        expect({ sort, order, paged }).toEqual({ sort, order, paged: all });
      }
    }
  });
});

describe('count cap', () => {
  let bigToken: string;
  let bigCompanyId: string;

  beforeAll(async () => {
    // A company of its own with 10,005 accounts, so the other tests' lists stay as they are.
    const em = db.orm.em.fork();
    await bootstrapCompany(em, { code: 'big', name: '大株式会社', adminPassword });
    const company = await em.findOneOrFail(Company, { code: 'big' });
    bigCompanyId = company.id;
    const companyRef = em.getReference(Company, company.id, { wrapped: true });
    const root = await em.findOneOrFail(Department, { company, code: '0' });
    const rootRef = em.getReference(Department, root.id, { wrapped: true });
    const departments = ['B3', 'B1', 'B2'].map((code) => new Department(companyRef, code, `部${code}`, rootRef));
    await em.insertMany(departments);
    const reporting = await em.findOneOrFail(ReportingDepartment, { company, code: '0' });
    const role = await em.findOneOrFail(Role, { company, code: 'employee' });
    const accounts = Array.from(
      { length: 10_005 },
      (_, i) =>
        new Account({
          company: companyRef,
          code: `Z${String(i + 1).padStart(5, '0')}`,
          type: 'own',
          lastName: '大量',
          firstName: `太${i + 1}`,
          effectiveDate: '2026-04-01',
          department: em.getReference(Department, departments[i % 3]!.id, { wrapped: true }),
          controlDepartment: rootRef,
          reportingControlDepartment: em.getReference(ReportingDepartment, reporting.id, { wrapped: true }),
          role: em.getReference(Role, role.id, { wrapped: true }),
        }),
    );
    for (let start = 0; start < accounts.length; start += 2000) {
      await em.insertMany(accounts.slice(start, start + 2000));
    }
    // What autovacuum does after a bulk load: the search reads the table's size from its statistics.
    await em.getConnection().execute('analyze account');
    const login = await http
      .post('/api/auth/login')
      .send({ companyCode: 'big', loginId: 'Admin', password: adminPassword });
    bigToken = login.body.token as string;
  });

  const bigSearch = (query: Record<string, string | number>) =>
    http.get('/api/accounts').query(query).set('Authorization', `Bearer ${bigToken}`);

  it('stops counting at 10,000 and says the total is a lower bound', async () => {
    const first = await bigSearch({ code: 'Z' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 10_000, totalIsLowerBound: true });
    expect((first.body.items as { code: string }[]).map((item) => item.code).slice(0, 2)).toEqual(['Z00001', 'Z00002']);
    // A full page beyond the cap: at least the accounts up to the end of this page.
    const deep = await bigSearch({ code: 'Z', offset: 9_990, limit: 10 });
    expect(deep.body).toMatchObject({ total: 10_000, totalIsLowerBound: true });
    expect((deep.body.items as { code: string }[]).map((item) => item.code)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Z${String(9_991 + i).padStart(5, '0')}`),
    );
    // The last page is short: it tells the exact total.
    const last = await bigSearch({ code: 'Z', offset: 10_000, limit: 50 });
    expect(last.body).toMatchObject({ total: 10_005, totalIsLowerBound: false });
    expect((last.body.items as unknown[]).length).toBe(5);
  });

  it('pages deep into the department order as it pages near the start', async () => {
    // Accounts Z(i+1) sit in B3, B1, B2 by i % 3: the expected order is by department code, then code.
    const departmentOf = (n: number) => ['B3', 'B1', 'B2'][(n - 1) % 3]!;
    const expected = Array.from({ length: 10_005 }, (_, i) => i + 1)
      .sort((a, b) => departmentOf(a).localeCompare(departmentOf(b)) || a - b)
      .map((n) => `Z${String(n).padStart(5, '0')}`);
    // The administrator of the bootstrap sits in the root department 0, first of all.
    expected.unshift('Admin');
    for (const order of ['asc', 'desc'] as const) {
      const inOrder = order === 'asc' ? expected : [...expected].reverse();
      // Offsets below and above the deep-page path, one page crossing from B1 into B2.
      for (const offset of [0, 990, 1_000, 3_330, 6_000, 9_995, 10_006]) {
        const res = await bigSearch({ sort: 'department', order, offset, limit: 20 });
        expect(res.status).toBe(200);
        const got = (res.body.items as { code: string }[]).map((item) => item.code);
        expect({ order, offset, got }).toEqual({ order, offset, got: inOrder.slice(offset, offset + 20) });
      }
    }
  });

  it('counts exactly up to the cap', async () => {
    // Z0xxxx: Z00001..Z09999 = 9,999 accounts, and Z1000x: 6 more make 10,005; a prefix below the cap.
    const under = await bigSearch({ code: 'Z0', limit: 10 });
    expect(under.body).toMatchObject({ total: 9_999, totalIsLowerBound: false });
    const none = await bigSearch({ code: 'Z', includeDisabled: 'true', lockedOnly: 'true' });
    expect(none.body).toMatchObject({ total: 0, totalIsLowerBound: false });
  });

  it('counts a dense name match up to the cap, and exactly on a short last page', async () => {
    // Every account of this company is 大量太 and a number: the name matches them all.
    const first = await bigSearch({ name: '大量', limit: 10 });
    expect(first.body).toMatchObject({ total: 10_000, totalIsLowerBound: true });
    expect((first.body.items as { code: string }[]).map((item) => item.code)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Z${String(i + 1).padStart(5, '0')}`),
    );
    const beyond = await bigSearch({ name: '大量', offset: 10_000, limit: 5, sort: 'department' });
    expect(beyond.body).toMatchObject({ total: 10_005, totalIsLowerBound: true });
    // Nobody logged in: all last, by code, descending too.
    const last = await bigSearch({ name: '大量', offset: 10_000, limit: 50, sort: 'lastLoginAt', order: 'desc' });
    expect(last.body).toMatchObject({ total: 10_005, totalIsLowerBound: false });
    expect((last.body.items as { code: string }[]).map((item) => item.code)).toEqual([
      'Z00005',
      'Z00004',
      'Z00003',
      'Z00002',
      'Z00001',
    ]);
  });

  it('looks for the page of a longer term again, by walking the order, when it matches more than the cap', async () => {
    const statements = await statementsOf(bigCompanyId, { name: '大量太' });
    expect(statements).toHaveLength(2);
    expect(statements[0]).toContain('count(*) over ()');
    expect(statements[1]).toContain('strpos(lower(');
    const res = await bigSearch({ name: '大量太', sort: 'code', order: 'desc', offset: 20, limit: 5 });
    expect(res.body).toMatchObject({ total: 10_000, totalIsLowerBound: true });
    expect((res.body.items as { code: string }[]).map((item) => item.code)).toEqual([
      'Z09985',
      'Z09984',
      'Z09983',
      'Z09982',
      'Z09981',
    ]);
  });
});

describe('dense and sparse matches, department subtrees and orders with nulls last', () => {
  // 2,000 accounts of a company of their own, built so that each search below takes a different path:
  // 藤 and フジ match half of them (the order's index is walked and each row tested), 辻 one in a hundred
  // (the matches are read through the GIN index and sorted), 藤原太1 is a longer term tested per row.
  const size = 2000;
  const departmentCodes = ['N1', 'N11', 'N12', 'N2'];
  const epoch = Date.parse('2026-01-01T00:00:00Z');
  interface Expected {
    code: string;
    name: string;
    kana: string;
    department: string;
    lastLoginAt: number | null;
    lockedAt: number | null;
    disabled: boolean;
  }
  const seedPeople = (prefix: string): Expected[] =>
    Array.from({ length: size }, (_, index) => {
      const i = index + 1;
      const [lastName, lastNameKana] =
        i % 100 === 0 ? ['辻本', 'ツジモト'] : i % 2 === 0 ? ['藤原', 'フジワラ'] : ['田中', 'タナカ'];
      return {
        code: `${prefix}${String(i).padStart(4, '0')}`,
        name: `${lastName}太${i}`,
        kana: `${lastNameKana}タ`,
        department: departmentCodes[i % 4]!,
        // Ties on purpose (i % 500), so the code decides among them.
        lastLoginAt: i % 3 === 0 ? null : epoch + ((i * 7919) % 500) * 3_600_000,
        lockedAt: i % 50 === 0 ? epoch + ((i * 31) % 7) * 86_400_000 : null,
        disabled: i % 17 === 0,
      };
    });
  const people = seedPeople('N');
  // A second company with the same names, kana, departments and logins under other codes, its rows written
  // between the first one's: neither company's search may ever show the other's accounts.
  const twins = seedPeople('T');
  let everyone: Expected[] = people;
  let everyTwin: Expected[] = twins;
  let denseToken: string;
  let twinToken: string;
  let companyId: string;

  /** A company of `size` accounts in the departments N1 (N11, N12 below it) and N2, as `persons` says. */
  async function seedCompany(
    em: EntityManager,
    code: string,
    persons: Expected[],
  ): Promise<{ company: Company; accounts: Account[] }> {
    await bootstrapCompany(em, { code, name: `${code}株式会社`, adminPassword });
    const company = await em.findOneOrFail(Company, { code });
    const companyRef = em.getReference(Company, company.id, { wrapped: true });
    const root = await em.findOneOrFail(Department, { company, code: '0' });
    const ref = (department: Department) => em.getReference(Department, department.id, { wrapped: true });
    const n1 = new Department(companyRef, 'N1', '本部1', ref(root));
    const departments = new Map([
      ['N1', n1],
      ['N11', new Department(companyRef, 'N11', '1部', ref(n1))],
      ['N12', new Department(companyRef, 'N12', '2部', ref(n1))],
      ['N2', new Department(companyRef, 'N2', '本部2', ref(root))],
    ]);
    await em.insertMany([...departments.values()]);
    const reporting = await em.findOneOrFail(ReportingDepartment, { company, code: '0' });
    const role = await em.findOneOrFail(Role, { company, code: 'employee' });
    const accounts = persons.map((person) => {
      const department = ref(departments.get(person.department)!);
      const account = new Account({
        company: companyRef,
        code: person.code,
        type: 'own',
        lastName: person.name.slice(0, 2),
        firstName: person.name.slice(2),
        effectiveDate: '2026-04-01',
        department,
        controlDepartment: department,
        reportingControlDepartment: em.getReference(ReportingDepartment, reporting.id, { wrapped: true }),
        role: em.getReference(Role, role.id, { wrapped: true }),
      });
      account.lastNameKana = person.kana.slice(0, -1);
      account.firstNameKana = person.kana.slice(-1);
      if (person.lastLoginAt !== null) account.lastLoginAt = new Date(person.lastLoginAt);
      if (person.lockedAt !== null) account.lockedAt = new Date(person.lockedAt);
      account.disabled = person.disabled;
      return account;
    });
    return { company, accounts };
  }

  /** Logs in as the company's administrator, who is listed too (with this login as the last one). */
  async function logIn(em: EntityManager, company: Company): Promise<{ token: string; admin: Expected }> {
    const login = await http
      .post('/api/auth/login')
      .send({ companyCode: company.code, loginId: 'Admin', password: adminPassword });
    const [admin] = await em.getConnection().execute<{ name: string; kana: string; last_login_at: Date | null }[]>(
      `select last_name || first_name as name, coalesce(last_name_kana, '') || coalesce(first_name_kana, '') as kana,
         last_login_at from account where company_id = ? and code = 'Admin'`,
      [company.id],
    );
    return {
      token: login.body.token as string,
      admin: {
        code: 'Admin',
        name: admin!.name,
        kana: admin!.kana,
        department: '0',
        lastLoginAt: admin!.last_login_at ? new Date(admin!.last_login_at).getTime() : null,
        lockedAt: null,
        disabled: false,
      },
    };
  }

  beforeAll(async () => {
    const em = db.orm.em.fork();
    const dense = await seedCompany(em, 'dense', people);
    const twin = await seedCompany(em, 'twin', twins);
    companyId = dense.company.id;
    // One row of each company after the other, so that their entries in every index lie side by side.
    await em.insertMany(dense.accounts.flatMap((account, i) => [account, twin.accounts[i]!]));
    // What autovacuum does after a bulk load: the search reads the company's size from the statistics.
    await em.getConnection().execute('analyze account');
    const denseLogin = await logIn(em, dense.company);
    denseToken = denseLogin.token;
    everyone = [...people, denseLogin.admin];
    const twinLogin = await logIn(em, twin.company);
    twinToken = twinLogin.token;
    everyTwin = [...twins, twinLogin.admin];
  });

  const searchAs = (bearer: string, query: Record<string, string | number>) =>
    http.get('/api/accounts').query(query).set('Authorization', `Bearer ${bearer}`);

  const byCode = (a: Expected, b: Expected) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  /** Accounts with a value first, by it; then those without, by code; the direction applies to both. */
  const nullsLast = (key: 'lastLoginAt' | 'lockedAt', order: 'asc' | 'desc') => (a: Expected, b: Expected) => {
    const sign = order === 'asc' ? 1 : -1;
    const [x, y] = [a[key], b[key]];
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (x !== y) return sign * (x - y);
    return sign * byCode(a, b);
  };
  /** 姓カナ, 名カナ (the last character here), then the code; accounts without kana after every kana. */
  const byKana = (a: Expected, b: Expected) => {
    if ((a.kana === '') !== (b.kana === '')) return a.kana === '' ? 1 : -1;
    const [x, y] = [a.kana.slice(0, -1), b.kana.slice(0, -1)];
    const [p, q] = [a.kana.slice(-1), b.kana.slice(-1)];
    return x < y ? -1 : x > y ? 1 : p < q ? -1 : p > q ? 1 : byCode(a, b);
  };
  const orders: Record<string, (order: 'asc' | 'desc') => (a: Expected, b: Expected) => number> = {
    code: (order) => (a, b) => (order === 'asc' ? 1 : -1) * byCode(a, b),
    kana: (order) => (a, b) => (order === 'asc' ? 1 : -1) * byKana(a, b),
    department: (order) => (a, b) =>
      (order === 'asc' ? 1 : -1) * (a.department.localeCompare(b.department) || byCode(a, b)),
    lastLoginAt: (order) => nullsLast('lastLoginAt', order),
    lockedAt: (order) => nullsLast('lockedAt', order),
  };

  /**
   * Checks pages at the start, across the end of the accounts with a value, and past the end, against the seed
   * of the company (the first one's, or the twin's).
   */
  async function expectPages(
    query: Record<string, string>,
    matches: (person: Expected) => boolean,
    company: 'dense' | 'twin' = 'dense',
  ) {
    const [bearer, seeded] = company === 'dense' ? [denseToken, everyone] : [twinToken, everyTwin];
    const listed = seeded.filter((person) => !person.disabled && matches(person));
    for (const sort of Object.keys(orders)) {
      for (const order of ['asc', 'desc'] as const) {
        const expected = [...listed].sort(orders[sort]!(order)).map((person) => person.code);
        const withValue =
          sort === 'lastLoginAt' || sort === 'lockedAt' ? listed.filter((p) => p[sort] !== null).length : 0;
        for (const [offset, limit] of [
          [0, 50],
          [Math.max(0, withValue - 7), 20],
          [Math.floor(expected.length / 2), 30],
          [expected.length - 5, 10],
        ] as const) {
          const res = await searchAs(bearer, { ...query, sort, order, offset, limit });
          expect(res.status).toBe(200);
          const got = (res.body.items as { code: string }[]).map((item) => item.code);
          expect({ sort, order, offset, got }).toEqual({
            sort,
            order,
            offset,
            got: expected.slice(offset, offset + limit),
          });
          expect(res.body).toMatchObject({ total: expected.length, totalIsLowerBound: false });
        }
      }
    }
  }

  it('finds a name most accounts share by walking the order, with the same pages and totals', async () => {
    expect((await statementsOf(companyId, { name: '藤' })).some((sql) => sql.includes('strpos('))).toBe(true);
    await expectPages({ name: '藤' }, (person) => person.name.includes('藤'));
  });

  it('finds a rare name through its index', async () => {
    const statements = await statementsOf(companyId, { name: '辻' });
    expect(statements.some((sql) => sql.includes('strpos('))).toBe(false);
    expect(statements.some((sql) => sql.includes('@> array[?]'))).toBe(true);
    await expectPages({ name: '辻' }, (person) => person.name.includes('辻'));
  });

  it('walks the kana order on its index alone where reading the matches and sorting them costs more', async () => {
    // 16 is in 133 listed names (太16, 太116, 太160–169, …): a first page by kana passes about 750 entries of the
    // kana order's index, which carries the names, against 133 matches to read and sort; the code order's
    // index does not carry them, so by code the matches are read through the GIN index.
    expect((await statementsOf(companyId, { name: '16', sort: 'kana' })).some((sql) => sql.includes('strpos('))).toBe(
      true,
    );
    expect((await statementsOf(companyId, { name: '16' })).some((sql) => sql.includes('strpos('))).toBe(false);
    await expectPages({ name: '16' }, (person) => person.name.includes('16'));
  });

  it('shows each company only its own accounts, when another holds the same names side by side', async () => {
    for (const company of ['dense', 'twin'] as const) {
      // Every path: walked (藤, フジ), through the 1–2 character grams (辻, ツジ), the trigrams (藤原太1, ツジモト).
      await expectPages({ name: '藤' }, (person) => person.name.includes('藤'), company);
      await expectPages({ name: '辻' }, (person) => person.name.includes('辻'), company);
      await expectPages({ name: '藤原太1' }, (person) => person.name.includes('藤原太1'), company);
      await expectPages({ kana: 'フジ' }, (person) => person.kana.includes('フジ'), company);
      await expectPages({ kana: 'ツジ' }, (person) => person.kana.includes('ツジ'), company);
      await expectPages({ kana: 'ツジモト' }, (person) => person.kana.includes('ツジモト'), company);
    }
  });

  it('matches a longer name term in one statement, and walks the order testing kana per row', async () => {
    // 512 matches: read through the trigram index, counted and sorted in one statement.
    const longer = await statementsOf(companyId, { name: '藤原太1' });
    expect(longer).toHaveLength(1);
    expect(longer[0]).toContain('count(*) over ()');
    await expectPages({ name: '藤原 太1' }, (person) => person.name.includes('藤原太1'));
    expect((await statementsOf(companyId, { kana: 'ふじ' })).some((sql) => sql.includes('strpos('))).toBe(true);
    await expectPages({ kana: 'ふじ' }, (person) => person.kana.includes('フジ'));
  });

  it('filters by a department and the departments below it, in every order', async () => {
    await expectPages({ departmentCode: 'N1', includeSubDepartments: 'true' }, (person) =>
      ['N1', 'N11', 'N12'].includes(person.department),
    );
    await expectPages({ departmentCode: 'N12' }, (person) => person.department === 'N12');
  });

  it('orders by last login and lockout, accounts without one last, across the whole list', async () => {
    await expectPages({}, () => true);
  });
});

describe('bad query values', () => {
  it.each([
    [{ limit: 0 }, 'limit'],
    [{ limit: 501 }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ offset: -1 }, 'offset'],
    [{ sort: 'email' }, 'sort'],
    [{ order: 'up' }, 'order'],
    [{ type: 'boss' }, 'type'],
    [{ lockedOnly: 'yes' }, 'lockedOnly'],
    [{ includeDisabled: '1' }, 'includeDisabled'],
    [{ includeSubDepartments: 'on' }, 'includeSubDepartments'],
    [{ partnerCode: 'C0001' }, 'partnerCode'],
    [{ projectCode: 'P 1-01' }, 'projectCode'],
    [{ code: 'ABCDEFGHIJK' }, 'code'],
    [{ name: 'あ'.repeat(21) }, 'name'],
    [{ kana: 'ア'.repeat(21) }, 'kana'],
    [{ departmentCode: '営業' }, 'departmentCode'],
    [{ lockedonly: 'true' }, 'lockedonly'],
  ])('answers 400 for %j', async (query, field) => {
    const res = await search(query as Record<string, string | number>);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
  });

  it('answers 400 for a partner code on own accounts', async () => {
    const res = await search({ type: 'own', partnerCode: 'C0001-01' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'PARTNER_CODE_NOT_APPLICABLE', field: 'partnerCode' });
  });

  it('answers 401 without a token', async () => {
    expect((await http.get('/api/accounts')).status).toBe(401);
  });
});
