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

/**
 * Starts a bulk PDF run without waiting for its answer (the POST waits up to 10 s for the PDF, long enough for
 * a small run to finish): answers the notice's id as soon as it is recorded, and the answer to come.
 */
export async function startBulkPdfRun(
  h: Harness,
  admin: string,
  codes: string[],
): Promise<{ noticeId: string; answer: Promise<{ status: number; body: { id: string } }> }> {
  const before = new Date();
  const answer = Promise.resolve(
    h.http.post('/api/pdf-issuances').set('Authorization', `Bearer ${admin}`).send({ accountCodes: codes }),
  );
  for (;;) {
    const [notice] = await h.db.orm.em
      .getConnection()
      .execute<{ id: string }[]>(
        `select id from password_notice where bulk_total is not null and created_at >= ? order by created_at desc limit 1`,
        [before],
      );
    if (notice) return { noticeId: notice.id, answer };
    const settled = await Promise.race([answer, new Promise((done) => setTimeout(done, 50, undefined))]);
    if (settled && (settled as { status: number }).status !== 202) {
      throw new Error(`bulk PDF start failed: ${JSON.stringify((settled as { body: unknown }).body)}`);
    }
  }
}
