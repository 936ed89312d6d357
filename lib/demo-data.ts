import type { EntityManager } from '@mikro-orm/postgresql';
import { Account, type AccountType, Company, Role } from '../entities';
import { defaultEmployeeRole } from './permissions';

interface DemoAccount {
  code: string;
  type: AccountType;
  lastName: string;
  firstName: string;
  lastNameKana: string;
  firstNameKana: string;
  /** メールアドレス1, 2, 3; `undefined` leaves a slot empty. */
  emails: [string?, string?, string?];
}

/**
 * Employees that show each case the issuance screens deal with: an address in slot 1, addresses in
 * several slots, an address in slot 2 only (issue with emailSlot 2), and no address at all (the
 * e-mail issuance refuses it; it needs a PDF or an address first).
 */
export const demoAccounts: readonly DemoAccount[] = [
  {
    code: 'E0001',
    type: 'own',
    lastName: '山田',
    firstName: '太郎',
    lastNameKana: 'ヤマダ',
    firstNameKana: 'タロウ',
    emails: ['taro.yamada@example.com'],
  },
  {
    code: 'E0002',
    type: 'own',
    lastName: '佐藤',
    firstName: '花子',
    lastNameKana: 'サトウ',
    firstNameKana: 'ハナコ',
    emails: ['hanako.sato@example.com', 'hanako.sato@example.net'],
  },
  {
    code: 'E0003',
    type: 'contractor',
    lastName: '鈴木',
    firstName: '一郎',
    lastNameKana: 'スズキ',
    firstNameKana: 'イチロウ',
    emails: ['ichiro.suzuki@example.org'],
  },
  {
    code: 'E0004',
    type: 'own',
    lastName: '高橋',
    firstName: '美咲',
    lastNameKana: 'タカハシ',
    firstNameKana: 'ミサキ',
    emails: [undefined, 'misaki.takahashi@example.net'],
  },
  {
    code: 'E0005',
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
    await tx.getConnection().execute('SELECT pg_advisory_xact_lock(hashtext(?))', [`bootstrap:${companyCode}`]);
    const company = await tx.findOne(Company, { code: companyCode });
    if (!company) throw new Error(`No company "${companyCode}": start the API once so that it bootstraps it.`);
    const role = await tx.findOne(Role, { company, code: defaultEmployeeRole });
    if (!role) throw new Error(`Company "${companyCode}" has no role "${defaultEmployeeRole}".`);

    company.appDownloadUrl ??= demoCompanyUrls.appDownloadUrl;
    company.browserUrl ??= demoCompanyUrls.browserUrl;

    const existing = new Set(
      (await tx.find(Account, { company, code: { $in: demoAccounts.map((demo) => demo.code) } })).map(
        (account) => account.code,
      ),
    );
    const created: string[] = [];
    for (const demo of demoAccounts) {
      if (existing.has(demo.code)) continue;
      tx.persist(newDemoAccount(tx, demo, company, role));
      created.push(demo.code);
    }
    return { created };
  });
}

function newDemoAccount(em: EntityManager, demo: DemoAccount, company: Company, role: Role): Account {
  const account = new Account({
    company: em.getReference(Company, company.id, { wrapped: true }),
    code: demo.code,
    type: demo.type,
    lastName: demo.lastName,
    firstName: demo.firstName,
    role: em.getReference(Role, role.id, { wrapped: true }),
  });
  account.lastNameKana = demo.lastNameKana;
  account.firstNameKana = demo.firstNameKana;
  [account.email1, account.email2, account.email3] = demo.emails;
  return account;
}
