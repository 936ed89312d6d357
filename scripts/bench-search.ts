/**
 * Measures the account list search (GET /api/accounts), through HTTP and as plain SQL.
 *   npm run bench:search
 * One company of 100,000 accounts: every search of the list, and the plan of the main name search.
 * BENCH_COMPANIES=1000: that company and 999 small ones (850–950 accounts each, the same name and kana
 * distribution; 1,000,000 accounts in all) in one database; the scale searches for the big company and a small
 * one (852 accounts), then the same small company alone in a database of its own, and the ratio.
 * BENCH_DATABASE_URL uses (and keeps) that database, seeding only the companies it lacks; otherwise a scratch
 * database is created on TEST_DATABASE_SERVER_URL (default postgres://postgres@127.0.0.1:5432) and dropped at
 * the end. BENCH_BASELINE_DATABASE_URL does the same for the small company's own database. BENCH_ACCOUNTS
 * (default 100000, the big company) and BENCH_RUNS (default 200) change the size of the run; BENCH_ONLY=text
 * measures only the searches whose label contains that text.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { searchAccounts, type SqlStatement } from '../domain/accounts/account-search-query';
import { createApp } from '../api/app';
import { accountSearchCriteria, accountSearchQuery } from '../domain/accounts/account-list';
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
import { initOrm, type MikroORM } from '../lib/db';
import { createLogger } from '../lib/logger';
import { defaultEmployeeRole } from '../lib/permissions';
import { SecretBox } from '../lib/secret-box';
import { createTemporalClient } from '../lib/temporal-client';
import { familyNames, givenNames } from './japanese-names';

const companyCode = 'bench';
const adminPassword = 'Bench-Admin-Password-1';
const accountCount = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const runs = Number(process.env.BENCH_RUNS ?? 200);
const warmUpRuns = 20;

/** The searches an administrator makes most, as the screen sends them. */
const searches: { label: string; query: Record<string, string> }[] = [
  { label: 'name, 1 char (藤)', query: { name: '藤' } },
  { label: 'name, 1 char (辻)', query: { name: '辻' } },
  { label: 'name, 2 chars (佐藤)', query: { name: '佐藤' } },
  { label: 'name, 2 chars (太郎)', query: { name: '太郎' } },
  { label: 'name, 3 chars (佐藤太)', query: { name: '佐藤太' } },
  { label: 'name, full (山田 花子)', query: { name: '山田 花子' } },
  { label: 'kana, 2 chars (サト)', query: { kana: 'サト' } },
  { label: 'kana, 3 chars (ヤマダ)', query: { kana: 'ヤマダ' } },
  { label: 'kana, hiragana (たなかたろう)', query: { kana: 'たなかたろう' } },
  { label: 'code prefix (E0123)', query: { code: 'E0123' } },
  { label: 'code prefix (E01)', query: { code: 'E01' } },
  { label: 'department + sub (2000)', query: { departmentCode: '2000', includeSubDepartments: 'true' } },
  { label: 'department only (2110)', query: { departmentCode: '2110' } },
  { label: 'project members', query: { projectCode: 'P2026-0042' } },
  { label: 'partner (C0007-01)', query: { type: 'contractor', partnerCode: 'C0007-01' } },
  { label: 'locked out only', query: { lockedOnly: 'true' } },
  {
    label: 'combined (田, dept 3000+sub, all)',
    query: {
      name: '田',
      departmentCode: '3000',
      includeSubDepartments: 'true',
      includeDisabled: 'true',
      includeLoginDisabled: 'true',
      sort: 'kana',
    },
  },
  { label: 'no filter, by code', query: {} },
  { label: 'no filter, by kana', query: { sort: 'kana' } },
  { label: 'no filter, by last login desc', query: { sort: 'lastLoginAt', order: 'desc' } },
  { label: 'no filter, by last login asc', query: { sort: 'lastLoginAt' } },
  { label: 'no filter, by lockout', query: { sort: 'lockedAt' } },
  { label: 'no filter, by lockout desc', query: { sort: 'lockedAt', order: 'desc' } },
  { label: 'name, 1 char (藤), by department', query: { name: '藤', sort: 'department' } },
  { label: 'kana, 2 chars (サト), by last login', query: { kana: 'サト', sort: 'lastLoginAt' } },
  { label: 'no filter, page 50 of 100', query: { offset: '4900', limit: '100' } },
  { label: 'no filter, page 900 (offset 89,900)', query: { offset: '89900', limit: '100' } },
  { label: 'no filter, by department', query: { sort: 'department' } },
  { label: 'no filter, by department desc', query: { sort: 'department', order: 'desc' } },
  { label: 'no filter, by department, page 900', query: { sort: 'department', offset: '89900', limit: '100' } },
  { label: 'no filter, by kana, page 900', query: { sort: 'kana', offset: '89900', limit: '100' } },
  {
    label: 'all accounts, last login desc, page 500',
    query: {
      includeDisabled: 'true',
      includeLoginDisabled: 'true',
      sort: 'lastLoginAt',
      order: 'desc',
      offset: '49900',
      limit: '100',
    },
  },
];

/** A small deterministic generator, so every run seeds the same data. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks from a list ordered by frequency, with Zipf-like weights as real name frequencies have. */
function zipfPicker<T>(items: readonly T[], random: () => number): () => T {
  const cumulative: number[] = [];
  let sum = 0;
  items.forEach((_, rank) => {
    sum += 1 / Math.pow(rank + 1, 0.7);
    cumulative.push(sum);
  });
  return () => {
    const target = random() * sum;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return items[low]!;
  };
}

async function insertInChunks(em: EntityManager, rows: object[], chunkSize: number): Promise<void> {
  for (let start = 0; start < rows.length; start += chunkSize) {
    await em.insertMany(rows.slice(start, start + chunkSize));
  }
}

const divisionNames = ['営業', '開発', '管理', '製造', '技術', '企画', 'サービス', '海外事業'];

/** What one company of the bench holds; the same seed gives the same accounts in any database. */
interface SeededCompany {
  code: string;
  name: string;
  accounts: number;
  seed: number;
}

/**
 * A company's accounts in an 8 × 5 × 4 department tree, with contractors, customers and projects (150
 * contractors, 80 customers and 3,000 projects per 100,000 accounts, at least a few of each).
 */
async function seedCompany(orm: MikroORM, seeded: SeededCompany): Promise<void> {
  const em = orm.em.fork();
  const random = seededRandom(seeded.seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const per100k = (count: number, least: number) => Math.max(least, Math.round((count * seeded.accounts) / 100_000));
  const { company } = await bootstrapCompany(em, { code: seeded.code, name: seeded.name, adminPassword });
  const companyRef = em.getReference(Company, company.id, { wrapped: true });
  const root = await em.findOneOrFail(Department, { company, code: '0' });
  const reportingRoot = await em.findOneOrFail(ReportingDepartment, { company, code: '0' });
  const role = await em.findOneOrFail(Role, { company, code: defaultEmployeeRole });

  const departments: Department[] = [];
  const sections: Department[] = [];
  const upper: Department[] = [];
  divisionNames.forEach((divisionName, i) => {
    const division = new Department(
      companyRef,
      `${i + 1}000`,
      `${divisionName}本部`,
      em.getReference(Department, root.id, { wrapped: true }),
    );
    departments.push(division);
    upper.push(division);
    for (let j = 1; j <= 5; j++) {
      const department = new Department(
        companyRef,
        `${i + 1}${j}00`,
        `${divisionName}第${j}部`,
        em.getReference(Department, division.id, { wrapped: true }),
      );
      departments.push(department);
      upper.push(department);
      for (let k = 1; k <= 4; k++) {
        const section = new Department(
          companyRef,
          `${i + 1}${j}${k}0`,
          `${divisionName}${j}部${k}課`,
          em.getReference(Department, department.id, { wrapped: true }),
        );
        departments.push(section);
        sections.push(section);
      }
    }
  });
  await insertInChunks(em, departments, 500);

  const partners: Partner[] = [];
  for (let i = 1; i <= per100k(150, 2); i++) {
    partners.push(new Partner(companyRef, 'contractor', `C${String(i).padStart(4, '0')}-01`, `委託先${i}株式会社`));
  }
  for (let i = 1; i <= per100k(80, 2); i++) {
    partners.push(new Partner(companyRef, 'customer', `K${String(i).padStart(4, '0')}-01`, `顧客${i}株式会社`));
  }
  await insertInChunks(em, partners, 500);

  const pickFamily = zipfPicker(familyNames, random);
  const pickGiven = zipfPicker(givenNames, random);
  const codePrefixes: Record<AccountType, string> = { own: 'E', contractor: 'C', customer: 'K' };
  const now = Date.now();
  const day = 24 * 60 * 60 * 1000;
  const accounts: Account[] = [];
  for (let n = 1; n <= seeded.accounts; n++) {
    const roll = random();
    const type: AccountType = roll < 0.85 ? 'own' : roll < 0.95 ? 'contractor' : 'customer';
    const [lastName, lastNameKana] = pickFamily();
    const [firstName, firstNameKana] = pickGiven();
    const department = random() < 0.9 ? pick(sections) : pick(upper);
    const departmentRef = em.getReference(Department, department.id, { wrapped: true });
    const account = new Account({
      company: companyRef,
      code: `${codePrefixes[type]}${String(n).padStart(6, '0')}`,
      type,
      lastName,
      firstName,
      effectiveDate: '2026-04-01',
      department: departmentRef,
      controlDepartment: departmentRef,
      reportingControlDepartment: em.getReference(ReportingDepartment, reportingRoot.id, { wrapped: true }),
      role: em.getReference(Role, role.id, { wrapped: true }),
    });
    account.lastNameKana = lastNameKana;
    account.firstNameKana = firstNameKana;
    if (random() < 0.05) account.shortName = `${lastName}${firstName}`.slice(0, 6);
    if (type !== 'own') {
      const kind = type;
      const candidates = partners.filter((partner) => partner.kind === kind);
      account.partner = em.getReference(Partner, pick(candidates).id, { wrapped: true });
    }
    account.passwordStatus = random() < 0.9 ? 'issued' : 'unissued';
    account.authStatus = account.passwordStatus === 'issued' ? 'verified' : 'none';
    if (random() < 0.93) account.lastLoginAt = new Date(now - Math.floor(random() * 180 * day));
    account.disabled = random() < 0.03;
    account.loginDisabled = random() < 0.02;
    const failures = random();
    if (failures < 0.003) {
      account.failedLoginCount = 5;
      account.lockedAt = new Date(now - Math.floor(random() * 30 * day));
    } else if (failures < 0.08) {
      account.failedLoginCount = 1 + Math.floor(random() * 4);
    }
    accounts.push(account);
  }
  await insertInChunks(em, accounts, 1000);

  const projects: Project[] = [];
  const members: ProjectMember[] = [];
  for (let i = 1; i <= per100k(3000, 3); i++) {
    const project = new Project(companyRef, `P2026-${String(i).padStart(4, '0')}`, `案件${i}`);
    projects.push(project);
    const size = 5 + Math.floor(random() * 36);
    const chosen = new Set<Account>();
    while (chosen.size < size) chosen.add(pick(accounts));
    [...chosen].forEach((account, index) => {
      members.push(
        new ProjectMember(
          em.getReference(Project, project.id, { wrapped: true }),
          em.getReference(Account, account.id, { wrapped: true }),
          index === 0 ? 'pm' : index === 1 ? 'pl' : 'member',
        ),
      );
    });
  }
  await insertInChunks(em, projects, 1000);
  await insertInChunks(em, members, 2000);
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

async function timeRuns(run: () => Promise<void>): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < warmUpRuns; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

/** knex writes `?`, the pg driver `$1`. */
function positional(statement: SqlStatement): { text: string; values: (string | number)[] } {
  let index = 0;
  return { text: statement.sql.replace(/\?/g, () => `$${++index}`), values: statement.bindings };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** The searches of the multi-company run (BENCH_COMPANIES), for the big company and a small one alike. */
const scaleSearches: { label: string; query: Record<string, string> }[] = [
  { label: 'name, 1 char (藤)', query: { name: '藤' } },
  { label: 'name (藤), page 100 by kana', query: { name: '藤', sort: 'kana', offset: '4950' } },
  {
    label: 'combined (田, dept 3000+sub, kana)',
    query: { name: '田', departmentCode: '3000', includeSubDepartments: 'true', sort: 'kana' },
  },
  { label: 'name (藤), by department', query: { name: '藤', sort: 'department' } },
  { label: 'department + sub (2000)', query: { departmentCode: '2000', includeSubDepartments: 'true' } },
  { label: 'code prefix (E01)', query: { code: 'E01' } },
  { label: 'kana, 2 chars (サト)', query: { kana: 'サト' } },
];

const bigCompany: SeededCompany = { code: companyCode, name: 'ベンチ株式会社', accounts: accountCount, seed: 20261121 };

/** The small companies beside the big one: ~900 accounts each (850–950), the first one 852. */
function smallCompany(index: number): SeededCompany {
  return {
    code: `s${String(index).padStart(4, '0')}`,
    name: `小規模${index}株式会社`,
    accounts: index === 1 ? 852 : 850 + ((index * 7919) % 101),
    seed: 20261121 + index,
  };
}

/** Seeds the companies a database lacks (so a kept database is reused), then vacuums as autovacuum would. */
async function seedMissing(orm: MikroORM, companies: SeededCompany[]): Promise<void> {
  const existing = new Set((await orm.em.fork().find(Company, {}, { fields: ['code'] })).map((c) => c.code));
  const missing = companies.filter((company) => !existing.has(company.code));
  if (missing.length === 0) return;
  const started = performance.now();
  let seededAccounts = 0;
  for (const [index, company] of missing.entries()) {
    await seedCompany(orm, company);
    seededAccounts += company.accounts;
    if ((index + 1) % 100 === 0) console.log(`seeded ${index + 1} of ${missing.length} companies`);
  }
  // What autovacuum does after a bulk load; the deep pages' index-only walks need the visibility map.
  await orm.em.getConnection().execute('vacuum analyze');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`seeded ${seededAccounts} accounts in ${missing.length} companies in ${seconds} s`);
}

interface Measured {
  label: string;
  total: string;
  api: { median: number; p95: number };
  sql: { median: number; p95: number };
}

/** A database with the service's API on it, logged in as each company's Admin on demand. */
class BenchSite {
  private server?: Server;
  private baseUrl = '';
  readonly sql: Client;

  private constructor(
    readonly orm: MikroORM,
    databaseUrl: string,
  ) {
    this.sql = new Client({ connectionString: databaseUrl });
  }

  static async open(databaseUrl: string, companies: SeededCompany[]): Promise<BenchSite> {
    const orm = await initOrm(databaseUrl);
    const site = new BenchSite(orm, databaseUrl);
    await seedMissing(orm, companies);
    await site.sql.connect();
    const app = createApp({
      orm,
      // The search never starts a workflow; the lazy client never connects.
      temporal: createTemporalClient({ address: '127.0.0.1:7233', namespace: 'default' }),
      secretBox: new SecretBox(randomBytes(32)),
      logger: createLogger({ level: 'silent' }),
      publicBaseUrl: 'http://localhost:3000',
      sessionTtlMinutes: 60,
    });
    site.server = createServer(app.app);
    site.baseUrl = `http://127.0.0.1:${await listen(site.server)}`;
    return site;
  }

  async close(): Promise<void> {
    this.server?.close();
    await this.sql.end().catch(() => undefined);
    await this.orm.close(true);
  }

  /** Each search through the API and as the same SQL alone, after every one was run three times through both. */
  private readonly tokens = new Map<string, string>();

  private async token(code: string): Promise<string> {
    const known = this.tokens.get(code);
    if (known) return known;
    const login = await fetch(`${this.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ companyCode: code, loginId: 'Admin', password: adminPassword }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const { token } = (await login.json()) as { token: string };
    this.tokens.set(code, token);
    return token;
  }

  async measure(code: string, searchList: typeof searches): Promise<Measured[]> {
    const company = await this.orm.em.fork().findOneOrFail(Company, { code });
    const token = await this.token(code);
    const viaApi = async (search: (typeof searches)[number]) => {
      const url = `${this.baseUrl}/api/accounts?${new URLSearchParams(search.query).toString()}`;
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { total: number; totalIsLowerBound?: boolean };
      return `${body.total}${body.totalIsLowerBound ? '+' : ''}`;
    };
    const viaSql = async (search: (typeof searches)[number]) => {
      const criteria = accountSearchCriteria(company.id, accountSearchQuery.parse(search.query));
      await searchAccounts(async (statement) => (await this.sql.query(positional(statement))).rows, criteria);
    };
    // Every search a few times through both paths first, so that the first one measured does not also
    // pay for warming up the process (JIT, the pool's connections and their catalog caches).
    for (let i = 0; i < 3; i++) {
      for (const search of searchList) {
        await viaApi(search);
        await viaSql(search);
      }
    }
    const measured: Measured[] = [];
    for (const search of searchList) {
      let total = '';
      const api = await timeRuns(async () => {
        total = await viaApi(search);
      });
      measured.push({ label: search.label, total, api, sql: await timeRuns(() => viaSql(search)) });
    }
    return measured;
  }

  /** EXPLAIN (ANALYZE, BUFFERS) of every statement one search runs. */
  async explain(code: string, query: Record<string, string>, title: string): Promise<void> {
    const company = await this.orm.em.fork().findOneOrFail(Company, { code });
    const criteria = accountSearchCriteria(company.id, accountSearchQuery.parse(query));
    const statements: SqlStatement[] = [];
    await searchAccounts(async (statement) => {
      statements.push(statement);
      return (await this.sql.query(positional(statement))).rows;
    }, criteria);
    for (const [index, statement] of statements.entries()) {
      const { text, values } = positional(statement);
      const plan = await this.sql.query({ text: `explain (analyze, buffers) ${text}`, values });
      console.log(`\nEXPLAIN (ANALYZE, BUFFERS), ${title}, statement ${index + 1} of ${statements.length}:`);
      console.log(plan.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n'));
    }
  }
}

const load = () => `load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`;

function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  rows.forEach((row) => console.log(line(row)));
}

const ms = (value: number) => value.toFixed(1);
/** A search's row: label, total, API median and p95, SQL median and p95. */
const figures = (m: Measured) => [m.label, m.total, ms(m.api.median), ms(m.api.p95), ms(m.sql.median), ms(m.sql.p95)];
const within50 = (m: Measured) => (m.api.p95 < 50 ? 'ok' : 'SLOW');

/** A scratch database on the server, dropped at the end, unless the given variable names one to keep. */
function benchDatabase(variable: string): { url: string; drop?: () => Promise<void> } {
  const kept = process.env[variable];
  if (kept) return { url: kept };
  const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
  const name = `wfc_bench_${randomBytes(6).toString('hex')}`;
  return {
    url: `${serverUrl}/${name}`,
    drop: async () => {
      const admin = new Client({ connectionString: `${serverUrl}/postgres` });
      await admin.connect();
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

async function withSite<T>(
  variable: string,
  companies: SeededCompany[],
  use: (site: BenchSite) => Promise<T>,
): Promise<T> {
  const database = benchDatabase(variable);
  let site: BenchSite | undefined;
  try {
    site = await BenchSite.open(database.url, companies);
    return await use(site);
  } finally {
    await site?.close();
    await database.drop?.();
  }
}

/** The one-company run: every search of the list at BENCH_ACCOUNTS, and the plans of the main name search. */
async function singleCompany(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  const measuredSearches = only ? searches.filter((search) => search.label.includes(only)) : searches;
  await withSite('BENCH_DATABASE_URL', [bigCompany], async (site) => {
    const measured = await site.measure(companyCode, measuredSearches);
    printTable(
      `${accountCount} accounts, ${runs} runs per search after ${warmUpRuns} warm-up runs; times in ms`,
      ['search', 'total', 'API median', 'API p95', 'SQL median', 'SQL p95', 'API/SQL', 'p95<50ms'],
      measured.map((m) => [...figures(m), (m.api.median / m.sql.median).toFixed(2), within50(m)]),
    );
    for (const term of ['佐藤太', '佐藤']) await site.explain(companyCode, { name: term }, `name search "${term}"`);
  });
}

/**
 * The multi-company run: the big company and BENCH_COMPANIES - 1 small ones in one database; the scale
 * searches for the big company and the first small one (852 accounts), then the same small company alone in
 * a database of its own (BENCH_BASELINE_DATABASE_URL keeps that one), and the ratio between the two.
 */
async function manyCompanies(companyCount: number): Promise<void> {
  const small = smallCompany(1);
  const companies = [bigCompany, ...Array.from({ length: companyCount - 1 }, (_, i) => smallCompany(i + 1))];
  const accounts = companies.reduce((sum, company) => sum + company.accounts, 0);
  const only = process.env.BENCH_ONLY;
  const measuredSearches = only ? scaleSearches.filter((search) => search.label.includes(only)) : scaleSearches;
  const header = ['search', 'total', 'API median', 'API p95', 'SQL median', 'SQL p95', 'p95<50ms'];
  const row = (m: Measured) => [...figures(m), within50(m)];
  const each = () => `${runs} runs per search after ${warmUpRuns} warm-up runs; times in ms; ${load()}`;
  await withSite('BENCH_DATABASE_URL', companies, (site) =>
    withSite('BENCH_BASELINE_DATABASE_URL', [small], async (own) => {
      const big = await site.measure(bigCompany.code, measuredSearches);
      printTable(
        `Big company (${bigCompany.accounts} accounts) of ${accounts} in ${companyCount} companies; ${each()}`,
        header,
        big.map(row),
      );
      // The small company beside the others and alone, search by search, so both see the same load.
      const shared: Measured[] = [];
      const alone: Measured[] = [];
      for (const search of measuredSearches) {
        shared.push(...(await site.measure(small.code, [search])));
        alone.push(...(await own.measure(small.code, [search])));
      }
      printTable(`Small company (${small.accounts} accounts) of ${accounts}; ${each()}`, header, shared.map(row));
      printTable(
        `The same small company alone in its database ("own table"), and the ratio; ${load()}`,
        [...header.slice(0, 6), 'shared/alone p95 (API)', 'shared/alone median (SQL)', '≤1.5×'],
        alone.map((m, index) => {
          const ratio = shared[index]!.api.p95 / m.api.p95;
          return [
            ...figures(m),
            ratio.toFixed(2),
            (shared[index]!.sql.median / m.sql.median).toFixed(2),
            ratio <= 1.5 ? 'ok' : 'OVER',
          ];
        }),
      );
      // BENCH_EXPLAIN=1: the plans of the measured searches, the big company's and the small one's beside the
      // others and alone.
      if (process.env.BENCH_EXPLAIN) {
        for (const search of measuredSearches) {
          await site.explain(bigCompany.code, search.query, `${search.label}, big company of ${accounts}`);
          await site.explain(small.code, search.query, `${search.label}, small company of ${accounts}`);
          await own.explain(small.code, search.query, `${search.label}, small company alone`);
        }
      }
      for (const search of scaleSearches.slice(1, 3)) {
        await site.explain(
          bigCompany.code,
          search.query,
          `${search.label}, ${bigCompany.accounts} accounts of ${accounts}`,
        );
      }
    }),
  );
}

async function main(): Promise<void> {
  const companyCount = Number(process.env.BENCH_COMPANIES ?? 1);
  if (companyCount > 1) await manyCompanies(companyCount);
  else await singleCompany();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
