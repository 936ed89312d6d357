import type { EntityManager } from '@mikro-orm/postgresql';
import { Account, AssignmentHistory, type AssignmentSource } from '../../entities';

/** Records the account's current assignment in its history (registration, correction or transfer). */
export function recordAssignment(em: EntityManager, account: Account, source: AssignmentSource): void {
  em.persist(
    new AssignmentHistory({
      account: em.getReference(Account, account.id, { wrapped: true }),
      effectiveDate: account.effectiveDate,
      department: account.department,
      controlDepartment: account.controlDepartment,
      reportingControlDepartment: account.reportingControlDepartment,
      role: account.role,
      source,
    }),
  );
}
