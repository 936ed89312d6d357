import { wrap, type EntityManager } from '@mikro-orm/postgresql';
import { type Account, Department, Partner, ReportingDepartment, Role } from '../../entities';
import type { Principal } from '../access/principal';
import { actorOf, type AuditActor } from '../audit/actor';
import { recordAudit, type AuditEventInput } from '../audit/audit-trail';
import { changesBetween } from '../audit/changes';
import { snapshotOf, type Snapshot } from '../audit/entity-audit';

/** The fields of an account the audit trail compares; references by id (their codes are looked up once changed). */
export type AccountSnapshot = Snapshot;

/**
 * What the trail leaves out of an account's fields: the row's own bookkeeping, what the issuance and login events
 * record themselves (statuses, times), and the secrets, which enter only as `password` / `mfaSecret` (masked).
 */
const notCompared = new Set([
  'passwordHash',
  'mfaSecret',
  'mfaLastTimeStep',
  'mfaConfiguredAt',
  'passwordChangedAt',
  'passwordStatus',
  'passwordIssuedVia',
  'authStatus',
  'authRequestedAt',
  'lastLoginAt',
  'failedLoginWindowStartedAt',
  'lastFailedLoginAt',
]);

const referenceFields = {
  department: Department,
  controlDepartment: Department,
  reportingControlDepartment: ReportingDepartment,
  role: Role,
  partner: Partner,
} as const;

export function accountSnapshot(account: Account): AccountSnapshot {
  const snapshot = snapshotOf(account, notCompared);
  // Secrets: only whether they changed reaches the trail (changes.ts masks these names).
  snapshot.password = account.passwordHash;
  snapshot.mfaSecret = account.mfaSecret;
  return snapshot;
}

/**
 * The changes between two snapshots, a changed reference shown by its code instead of its id. One lookup after
 * the other: inside a transaction they share its one connection.
 */
async function accountChanges(em: EntityManager, before: AccountSnapshot, after: AccountSnapshot) {
  const shown = changesBetween(before, after);
  for (const [index, change] of shown.entries()) {
    const entity = referenceFields[change.field as keyof typeof referenceFields];
    if (!entity || !('before' in change)) continue;
    // Awaited only when looked up in the database: most codes come from the identity map, and an import's
    // 10,000 creations would otherwise wait on 50,000 settled promises.
    let before = codeOf(em, entity, change.before);
    if (before instanceof Promise) before = await before;
    let after = codeOf(em, entity, change.after);
    if (after instanceof Promise) after = await after;
    shown[index] = { field: change.field, before, after };
  }
  return shown;
}

/**
 * A reference's code by its id: from the EntityManager's identity map when it is loaded there (an import's chunk
 * has every department and role of the company), else from the database, as `findOne` would.
 */
function codeOf(
  em: EntityManager,
  entity: (typeof referenceFields)[keyof typeof referenceFields],
  id: unknown,
): unknown | Promise<unknown> {
  if (typeof id !== 'string') return id;
  const known = em.getUnitOfWork().getById<{ id: string; code: string }>(entity.name, id);
  if (known && wrap(known).isInitialized()) return known.code;
  return em.findOne(entity, id).then((found) => found?.code ?? id);
}

export function accountTarget(account: Account): AuditEventInput['target'] {
  return { type: 'account', id: account.id, code: account.code, name: `${account.lastName} ${account.firstName}` };
}

/**
 * Records a change to an account (`account.create`, `account.update`, `account.delete`, lockout, MFA, password…)
 * with the fields that differ from `before`; nothing when nothing differs (an unchanged import row).
 */
export async function recordAccountChange(
  em: EntityManager,
  who: Principal | AuditActor,
  action: string,
  account: Account,
  before: AccountSnapshot,
  after: AccountSnapshot = accountSnapshot(account),
  extra: Pick<AuditEventInput, 'details' | 'reason' | 'outcome'> = {},
): Promise<void> {
  const changes = await accountChanges(em, before, after);
  if (changes.length === 0 && action === 'account.update') return;
  recordAudit(em, {
    companyId: account.company.id,
    actor: 'kind' in who ? who : actorOf(who),
    action,
    target: accountTarget(account),
    changes,
    ...extra,
  });
}
