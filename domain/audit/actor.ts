import type { Principal } from '../access/principal';

export const auditActorKinds = ['account', 'scim-token', 'system', 'anonymous'] as const;
export type AuditActorKind = (typeof auditActorKinds)[number];

/** Who did it, as the audit trail keeps it: an account (code, role), a SCIM token (name) or the system (name). */
export interface AuditActor {
  kind: AuditActorKind;
  accountId?: string;
  /** The account's code, the SCIM token's name, the system actor's name; for `anonymous`, the login id typed. */
  code?: string;
  role?: string;
  name?: string;
}

/** The one mapping from the acting principal to the audit trail's actor. */
export function actorOf(principal: Principal): AuditActor {
  if (principal.scimToken) return { kind: 'scim-token', code: principal.scimToken.name };
  return { kind: 'account', accountId: principal.accountId, code: principal.accountCode, role: principal.roleCode };
}

/** Work the service does on its own: a transfer applied on its date, a lock by failed logins, housekeeping. */
export const systemActors = {
  transfer: 'transfer',
  lockout: 'lockout',
  housekeeping: 'housekeeping',
  issuance: 'issuance',
  bootstrap: 'bootstrap',
} as const;

export function systemActor(name: (typeof systemActors)[keyof typeof systemActors]): AuditActor {
  return { kind: 'system', code: name };
}

/** An account acting for itself without a principal yet (a login, a password change at the first login). */
export function selfActor(account: { id: string; code: string; roleCode?: string }): AuditActor {
  return {
    kind: 'account',
    accountId: account.id,
    code: account.code,
    ...(account.roleCode ? { role: account.roleCode } : {}),
  };
}
