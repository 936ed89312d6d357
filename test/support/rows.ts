import { ref } from '@mikro-orm/postgresql';
import {
  Account,
  AccountRank,
  AssignmentHistory,
  Company,
  Department,
  Partner,
  Rank,
  ReportingDepartment,
  Role,
  Transfer,
  wholeCompanyCode,
  type AccountType,
  type PartnerKind,
} from '../../entities';
import { hashPassword } from '../../lib/passwords';
import { companyCode, type Harness } from './harness';

/**
 * Rows written straight through the ORM, for tests that need accounts, transfers and history pointing at
 * reference data without going through the accounts API.
 */
export interface AccountRow {
  code: string;
  company?: string;
  type?: AccountType;
  department?: string;
  controlDepartment?: string;
  reportingControlDepartment?: string;
  role?: string;
  partner?: { kind: PartnerKind; code: string };
  /** Set to log in with it (no password change required). */
  password?: string;
}

export async function insertAccount(h: Harness, row: AccountRow): Promise<Account> {
  const em = h.db.orm.em.fork();
  const company = await em.findOneOrFail(Company, { code: row.company ?? companyCode });
  const department = (code = wholeCompanyCode) => em.findOneOrFail(Department, { company, code });
  const account = new Account({
    company: ref(company),
    code: row.code,
    type: row.type ?? (row.partner ? row.partner.kind : 'own'),
    lastName: '試験',
    firstName: row.code,
    effectiveDate: '2026-04-01',
    department: ref(await department(row.department)),
    controlDepartment: ref(await department(row.controlDepartment)),
    reportingControlDepartment: ref(
      await em.findOneOrFail(ReportingDepartment, {
        company,
        code: row.reportingControlDepartment ?? wholeCompanyCode,
      }),
    ),
    role: ref(await em.findOneOrFail(Role, { company, code: row.role ?? 'employee' })),
  });
  if (row.partner) account.partner = ref(await em.findOneOrFail(Partner, { company, ...row.partner }));
  if (row.password) {
    account.passwordHash = await hashPassword(row.password);
    account.passwordStatus = 'issued';
  }
  await em.persist(account).flush();
  return account;
}

/** A pending transfer of an existing account to the given department, control department and role. */
export async function insertTransfer(
  h: Harness,
  accountCode: string,
  to: { department?: string; controlDepartment?: string; reportingControlDepartment?: string; role?: string },
): Promise<void> {
  const em = h.db.orm.em.fork();
  const account = await em.findOneOrFail(Account, { company: { code: companyCode }, code: accountCode });
  const company = account.company.id;
  const department = (code = wholeCompanyCode) => em.findOneOrFail(Department, { company, code });
  em.persist(
    new Transfer({
      company: account.company,
      account: ref(account),
      effectiveDate: '2099-04-01',
      department: ref(await department(to.department)),
      controlDepartment: ref(await department(to.controlDepartment)),
      reportingControlDepartment: ref(
        await em.findOneOrFail(ReportingDepartment, {
          company,
          code: to.reportingControlDepartment ?? wholeCompanyCode,
        }),
      ),
      role: ref(await em.findOneOrFail(Role, { company, code: to.role ?? 'employee' })),
    }),
  );
  await em.flush();
}

/** A history row (履歴) of an existing account. */
export async function insertHistory(
  h: Harness,
  accountCode: string,
  was: { department?: string; controlDepartment?: string; reportingControlDepartment?: string; role?: string },
): Promise<void> {
  const em = h.db.orm.em.fork();
  const account = await em.findOneOrFail(Account, { company: { code: companyCode }, code: accountCode });
  const company = account.company.id;
  const department = (code = wholeCompanyCode) => em.findOneOrFail(Department, { company, code });
  em.persist(
    new AssignmentHistory({
      account: ref(account),
      effectiveDate: '2020-04-01',
      department: ref(await department(was.department)),
      controlDepartment: ref(await department(was.controlDepartment)),
      reportingControlDepartment: ref(
        await em.findOneOrFail(ReportingDepartment, {
          company,
          code: was.reportingControlDepartment ?? wholeCompanyCode,
        }),
      ),
      role: ref(await em.findOneOrFail(Role, { company, code: was.role ?? 'employee' })),
      source: 'edit',
    }),
  );
  await em.flush();
}

/** A rank history row naming the rank. */
export async function insertAccountRank(h: Harness, accountCode: string, rankCode: string): Promise<void> {
  const em = h.db.orm.em.fork();
  const account = await em.findOneOrFail(Account, { company: { code: companyCode }, code: accountCode });
  const rank = await em.findOneOrFail(Rank, { company: account.company.id, code: rankCode });
  await em.persist(new AccountRank(ref(account), '2026-04-01', ref(rank))).flush();
}
