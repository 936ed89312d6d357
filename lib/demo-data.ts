import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  Account,
  AccountRank,
  type AccountType,
  Company,
  Department,
  Partner,
  Rank,
  ReportingDepartment,
  Role,
  systemAdministratorCode,
  wholeCompanyCode,
} from '../entities';
import { firstWorkStyle, systemAdministratorShortName } from './bootstrap';
import { todayIn } from './calendar';
import { defaultEmployeeRole } from './permissions';

interface DemoAccount {
  code: string;
  type: AccountType;
  lastName: string;
  firstName: string;
  lastNameKana: string;
  firstNameKana: string;
  /** 氏名略名 (at most 6 characters). */
  shortName: string;
  /** メールアドレス1, 2, 3; `undefined` leaves a slot empty. */
  emails: [string?, string?, string?];
  departmentCode: string;
}

/** 全社 → 本部 → 部, the shape most companies start with. */
const demoDepartments = [
  { code: '100', name: '営業本部', parent: wholeCompanyCode },
  { code: '110', name: '東京営業部', parent: '100' },
  { code: '200', name: '開発本部', parent: wholeCompanyCode },
  { code: '210', name: '第一開発部', parent: '200' },
] as const;

const demoRanks = [
  { code: 'R1', name: '一般' },
  { code: 'R2', name: '主任' },
  { code: 'R3', name: '課長' },
] as const;

const demoPartner = { kind: 'contractor', code: 'ACME-01', name: '株式会社アクメ' } as const;

/**
 * Employees that show each case the issuance screens deal with: an address in slot 1, addresses in
 * several slots, an address in slot 2 only (issue with emailSlot 2), and no address at all (the
 * e-mail issuance refuses it; it needs a PDF or an address first).
 */
export const demoAccounts: readonly DemoAccount[] = [
  {
    code: 'E0001',
    shortName: '山田太郎',
    departmentCode: '110',
    type: 'own',
    lastName: '山田',
    firstName: '太郎',
    lastNameKana: 'ヤマダ',
    firstNameKana: 'タロウ',
    emails: ['taro.yamada@example.com'],
  },
  {
    code: 'E0002',
    shortName: '佐藤花子',
    departmentCode: '210',
    type: 'own',
    lastName: '佐藤',
    firstName: '花子',
    lastNameKana: 'サトウ',
    firstNameKana: 'ハナコ',
    emails: ['hanako.sato@example.com', 'hanako.sato@example.net'],
  },
  {
    code: 'E0003',
    shortName: '鈴木一郎',
    departmentCode: '210',
    type: 'contractor',
    lastName: '鈴木',
    firstName: '一郎',
    lastNameKana: 'スズキ',
    firstNameKana: 'イチロウ',
    emails: ['ichiro.suzuki@example.org'],
  },
  {
    code: 'E0004',
    shortName: '高橋美咲',
    departmentCode: '110',
    type: 'own',
    lastName: '高橋',
    firstName: '美咲',
    lastNameKana: 'タカハシ',
    firstNameKana: 'ミサキ',
    emails: [undefined, 'misaki.takahashi@example.net'],
  },
  {
    code: 'E0005',
    shortName: '田中健太',
    departmentCode: '200',
    type: 'contractor',
    lastName: '田中',
    firstName: '健太',
    lastNameKana: 'タナカ',
    firstNameKana: 'ケンタ',
    emails: [],
  },
];

const demoCompanyUrls = {
  appDownloadUrl: 'https://apps.example.com/workforce/download',
  browserUrl: 'https://workforce.example.com/login',
};

export interface DemoDataResult {
  /** Codes of the accounts this call created; empty when they were all there already. */
  created: string[];
}

/**
 * Adds the demo employees to a company that `bootstrapCompany` has already set up. Safe to run on
 * every start: accounts that exist (by code) are left as they are, so edits made while trying the
 * service survive a restart, and company URLs are filled in only while they are unset.
 */
export async function seedDemoData(em: EntityManager, companyCode: string): Promise<DemoDataResult> {
  return em.transactional(async (tx) => {
    // Same lock key as bootstrapCompany: a seed never interleaves with the bootstrap of the same company.
    await tx.execute('SELECT pg_advisory_xact_lock(hashtext(?))', [`bootstrap:${companyCode}`]);
    const company = await tx.findOne(Company, { code: companyCode });
    if (!company) throw new Error(`No company "${companyCode}": start the API once so that it bootstraps it.`);
    const role = await tx.findOne(Role, { company, code: defaultEmployeeRole });
    if (!role) throw new Error(`Company "${companyCode}" has no role "${defaultEmployeeRole}".`);

    company.appDownloadUrl ??= demoCompanyUrls.appDownloadUrl;
    company.browserUrl ??= demoCompanyUrls.browserUrl;

    const companyRef = tx.getReference(Company, company.id, { wrapped: true });
    const departments = new Map((await tx.find(Department, { company })).map((d) => [d.code, d]));
    for (const demo of demoDepartments) {
      if (departments.has(demo.code)) continue;
      const parent = departments.get(demo.parent);
      const department = new Department(
        companyRef,
        demo.code,
        demo.name,
        parent && tx.getReference(Department, parent.id, { wrapped: true }),
      );
      departments.set(demo.code, department);
      tx.persist(department);
    }
    const reportingRoot = await tx.findOneOrFail(ReportingDepartment, { company, code: wholeCompanyCode });
    const ranks = new Map((await tx.find(Rank, { company })).map((rank) => [rank.code, rank]));
    for (const demo of demoRanks) {
      if (ranks.has(demo.code)) continue;
      const rank = new Rank(companyRef, demo.code, demo.name);
      ranks.set(demo.code, rank);
      tx.persist(rank);
    }
    let partner = await tx.findOne(Partner, { company, kind: demoPartner.kind, code: demoPartner.code });
    if (!partner) {
      partner = new Partner(companyRef, demoPartner.kind, demoPartner.code, demoPartner.name);
      tx.persist(partner);
    }

    const existing = new Set(
      (await tx.find(Account, { company, code: { $in: demoAccounts.map((demo) => demo.code) } })).map(
        (account) => account.code,
      ),
    );
    const created: string[] = [];
    const newAccounts: Account[] = [];
    const today = todayIn(company.timeZone);
    for (const demo of demoAccounts) {
      if (existing.has(demo.code)) continue;
      const department = tx.getReference(Department, departments.get(demo.departmentCode)!.id, { wrapped: true });
      const account = new Account({
        company: companyRef,
        code: demo.code,
        type: demo.type,
        lastName: demo.lastName,
        firstName: demo.firstName,
        effectiveDate: today,
        department,
        controlDepartment: department,
        reportingControlDepartment: tx.getReference(ReportingDepartment, reportingRoot.id, { wrapped: true }),
        role: tx.getReference(Role, role.id, { wrapped: true }),
      });
      account.shortName = demo.shortName;
      account.lastNameKana = demo.lastNameKana;
      account.firstNameKana = demo.firstNameKana;
      [account.email1, account.email2, account.email3] = demo.emails;
      if (demo.type !== 'own') account.partner = tx.getReference(Partner, partner.id, { wrapped: true });
      tx.persist(account);
      newAccounts.push(account);
      created.push(demo.code);
    }
    // The demo company has ranks, so every own account (Admin too) needs one, and a work style, to be saved as it is.
    const firstRank = ranks.get(demoRanks[0].code)!;
    const admin = await tx.findOne(Account, { company, code: systemAdministratorCode });
    if (admin) admin.shortName ??= systemAdministratorShortName;
    for (const account of admin ? [admin, ...newAccounts] : newAccounts) {
      if (account.type !== 'customer') account.workStyle ??= firstWorkStyle(company);
      if (account.type !== 'own' || (account === admin && (await tx.count(AccountRank, { account })))) continue;
      tx.persist(new AccountRank(ref(account), `${account.effectiveDate.slice(0, 7)}-01`, ref(firstRank)));
    }
    return { created };
  });
}
