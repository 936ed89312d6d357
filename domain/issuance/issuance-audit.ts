import type { EntityManager } from '@mikro-orm/postgresql';
import { Issuance } from '../../entities';
import { systemActor, type AuditActor } from '../audit/actor';
import { recordAudit, type AuditEventInput } from '../audit/audit-trail';
import { classifyFailureReason } from './failure-reasons';
import type { IssuanceTransition, TransitionName } from './state-machine';

/** The audit trail's action of each transition (`open` is a start or a reissue, by the issuance's kind). */
const actionOf: Record<Exclude<TransitionName, 'open'>, string> = {
  recordVerificationSent: 'issuance.verification-sent',
  confirm: 'issuance.confirmed',
  withdrawConfirmation: 'issuance.confirmation-withdrawn',
  recordPasswordIssued: 'issuance.issued',
  expire: 'issuance.expired',
  fail: 'issuance.failed',
  supersede: 'issuance.superseded',
  expireUnfetchedNotice: 'issuance.notice-expired',
};

/** The administrator recorded on the issuance (a bulk PDF batch acts for the run's starter, loaded with it). */
function requesterOf(issuance: Issuance): AuditActor {
  const requester = issuance.requestedBy;
  if (!requester) return systemActor('issuance');
  if (!requester.isInitialized()) return { kind: 'account', accountId: requester.id };
  const role = requester.getEntity().role;
  return {
    kind: 'account',
    accountId: requester.id,
    code: requester.getEntity().code,
    ...(role.isInitialized() ? { role: role.getEntity().code } : {}),
  };
}

/**
 * Who made a transition: the administrator who opened it (as the operation says), the employee who pressed
 * 認証する, or the service itself for everything that follows (a mail accepted, a link run out).
 */
function actorFor(transition: IssuanceTransition, issuance: Issuance, opener: AuditActor | undefined): AuditActor {
  if (transition.name === 'open') return opener ?? requesterOf(issuance);
  if (transition.name === 'confirm') {
    const account = issuance.account;
    return {
      kind: 'account',
      accountId: account.id,
      ...(account.isInitialized() ? { code: account.getEntity().code } : {}),
    };
  }
  return systemActor('issuance');
}

/**
 * The audit events of a unit of work's transitions, recorded in its transaction (one multi-row insert at the
 * commit, however many employees a bulk chunk moved). The issuances are the unit of work's own entities.
 */
export async function recordTransitions(
  tx: EntityManager,
  transitions: readonly IssuanceTransition[],
  opener?: AuditActor,
): Promise<void> {
  if (transitions.length === 0) return;
  const missing = transitions.filter((t) => !tx.getUnitOfWork().getById(Issuance.name, t.issuanceId));
  if (missing.length > 0) await tx.find(Issuance, { id: { $in: missing.map((t) => t.issuanceId) } });
  const events = transitions.flatMap((transition): AuditEventInput[] => {
    const issuance = tx.getUnitOfWork().getById<Issuance>(Issuance.name, transition.issuanceId);
    if (!issuance) return [];
    const account = issuance.account;
    const action =
      transition.name === 'open'
        ? issuance.kind === 'initial'
          ? 'issuance.start'
          : 'issuance.reissue'
        : actionOf[transition.name];
    return [
      {
        companyId: issuance.company.id,
        actor: actorFor(transition, issuance, opener),
        action,
        target: {
          type: 'account',
          id: account.id,
          ...(account.isInitialized()
            ? {
                code: account.getEntity().code,
                name: `${account.getEntity().lastName} ${account.getEntity().firstName}`,
              }
            : {}),
        },
        changes: [{ field: 'status', before: transition.from, after: transition.to }],
        details: { issuanceId: issuance.id, channel: issuance.channel, kind: issuance.kind },
        ...(transition.name === 'fail'
          ? { outcome: 'failed' as const, reason: classifyFailureReason(transition.reason ?? '') }
          : {}),
      },
    ];
  });
  recordAudit(tx, ...events);
}
