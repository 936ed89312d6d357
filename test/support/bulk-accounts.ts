import { ref } from '@mikro-orm/postgresql';
import { Account, Company, Department, ReportingDepartment, Role, wholeCompanyCode } from '../../entities';
import { companyCode, type Harness } from './harness';

export interface BulkAccountRow {
  code: string;
  emails?: [string?, string?, string?];
}

/** Many accounts in one flush (the bulk tests and the benchmark need hundreds); the name is 試験 <code>. */
export async function insertAccounts(
  h: Pick<Harness, 'db'>,
  rows: BulkAccountRow[],
  inCompany = companyCode,
): Promise<void> {
  const em = h.db.orm.em.fork();
  const company = await em.findOneOrFail(Company, { code: inCompany });
  const department = await em.findOneOrFail(Department, { company, code: wholeCompanyCode });
  const reporting = await em.findOneOrFail(ReportingDepartment, { company, code: wholeCompanyCode });
  const role = await em.findOneOrFail(Role, { company, code: 'employee' });
  for (const row of rows) {
    const account = new Account({
      company: ref(company),
      code: row.code,
      type: 'own',
      lastName: '試験',
      firstName: row.code,
      effectiveDate: '2026-04-01',
      department: ref(department),
      controlDepartment: ref(department),
      reportingControlDepartment: ref(reporting),
      role: ref(role),
    });
    [account.email1, account.email2, account.email3] = row.emails ?? [];
    em.persist(account);
  }
  await em.flush();
}

/** Employees of a bulk PDF run whose password is recorded (their issuance exists). */
export async function recordedNoticeItems(h: Harness, noticeId: string): Promise<number> {
  const rows = await h.db.orm.em
    .getConnection()
    .execute<{ n: number }[]>(
      `select count(*)::int as n from password_notice_item where notice_id = ? and issuance_id is not null`,
      [noticeId],
    );
  return rows[0]!.n;
}
