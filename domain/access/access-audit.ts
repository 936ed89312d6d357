import type { Account } from '../../entities';
import type { AuditActor } from '../audit/actor';
import type { AuditEventInput } from '../audit/audit-trail';

/** The account itself acting (a login, its own password or MFA set-up), with its role when loaded. */
export function accountItself(account: Account): AuditActor {
  const role = account.role;
  return {
    kind: 'account',
    accountId: account.id,
    code: account.code,
    ...(role.isInitialized() ? { role: role.getEntity().code } : {}),
  };
}

/** A login, lockout or MFA event about `account`. */
export function accountEvent(
  account: Account,
  action: string,
  actor: AuditActor,
  extra: Pick<AuditEventInput, 'changes' | 'details' | 'outcome' | 'reason'> = {},
): AuditEventInput {
  return {
    companyId: account.company.id,
    actor,
    action,
    target: { type: 'account', id: account.id, code: account.code, name: `${account.lastName} ${account.firstName}` },
    ...extra,
  };
}
