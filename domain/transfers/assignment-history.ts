import { Reference, type EntityManager } from '@mikro-orm/postgresql';
import { type Account, AssignmentHistory, type AssignmentSource } from '../../entities';

/** Records the account's current assignment in its history (registration, correction or transfer). */
export function recordAssignment(em: EntityManager, account: Account, source: AssignmentSource): void {
  em.persist(assignmentOf(account, source));
}

/** The history row of the account's current assignment, not yet persisted (a registration may write it in a batch). */
export function assignmentOf(account: Account, source: AssignmentSource): AssignmentHistory {
  return new AssignmentHistory({
    account: Reference.create(account),
    effectiveDate: account.effectiveDate,
    department: account.department,
    controlDepartment: account.controlDepartment,
    reportingControlDepartment: account.reportingControlDepartment,
    role: account.role,
    source,
  });
}
