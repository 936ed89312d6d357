import type { Account, Issuance, IssuanceChannel, IssuanceStatus } from '../../entities';
import { ConflictError } from '../errors';

/**
 * The one state machine of an issuance and of the account's パスワード / 認証状態 that it moves. Every change of
 * `Issuance.status` and of `Account.passwordStatus`, `passwordIssuedVia`, `authStatus` and `authRequestedAt` is
 * one of the named transitions below, each checking its source state and writing every field it owns. The
 * activities and the API only call them (through the operations in `issuance-steps.ts`, `verification.ts`,
 * `email-issuance.ts`, `pdf-issuance.ts`, …); metrics hang on the events they return.
 *
 * ```
 *                    open (e-mail)            open (reissue B: direct)
 *                         │                          │
 *                         ▼                          │
 *   ┌──────────────── sending ───────────────┐       │
 *   │   recordVerificationSent │   confirm*  │       │           open (PDF)
 *   │                          ▼             │       │               │
 *   │      ┌───────────────  pending ──┐     │       │               ▼
 *   │      │ withdrawConfirmation ▲    │ confirm     │       ┌──── sending ────┐
 *   │      │                      │    ▼     ▼       ▼       │                 │
 *   │      │                      └─── verified ◄────┘   recordPasswordIssued  │
 *   │      │                              │                        │           │
 *   │      │          recordPasswordIssued│                        ▼           │
 *   │      │                              ▼                      issued ───────┼── expireUnfetchedNotice ─► expired
 *   │      │                            issued                                 │
 *   │      └── expire ─► expired                                               │
 *   └── fail / supersede (from sending, pending or verified) ─► failed / superseded ◄──┘
 *
 *   * confirm from `sending`: a bulk chunk's mail went out but was not recorded yet when the employee clicked.
 * ```
 *
 * The account, as the product document shows it (未発行/未 → 発行中/認証待ち → 発行中/済 → 発行済/済; reissue A:
 * 発行済/済 → 再発行中/認証待ち → 発行済/済; PDF: 未発行 → PDF発行済 → 発行済):
 * - recordVerificationSent: 発行中 (first issuance) or 再発行中 (reissue), 認証待ち since the mail.
 * - confirm: 済; withdrawConfirmation: back to 認証待ち.
 * - recordPasswordIssued: 発行済 by e-mail (認証 済) or PDF発行済 (認証 未: no mailbox was verified).
 * - expire: 期限切れ once no other link of the round still waits.
 * - recordNoticeFetched (the download): PDF発行済 → 発行済; expireUnfetchedNotice: PDF発行済 → PDF未取得/期限切れ.
 * - recordOperatorPassword: the system administrator created with a password the operator holds: 発行済.
 */

export const transitionNames = [
  'open',
  'recordVerificationSent',
  'confirm',
  'withdrawConfirmation',
  'recordPasswordIssued',
  'expire',
  'fail',
  'supersede',
  'expireUnfetchedNotice',
] as const;
export type TransitionName = (typeof transitionNames)[number];

/** The issuance statuses each transition may start from (`open` starts from nothing). */
export const allowedFrom: Record<TransitionName, readonly IssuanceStatus[]> = {
  open: [],
  recordVerificationSent: ['sending'],
  confirm: ['sending', 'pending'],
  withdrawConfirmation: ['verified'],
  // E-mail: after the click (or a direct reissue, opened verified); PDF: straight from sending.
  recordPasswordIssued: ['sending', 'verified'],
  expire: ['sending', 'pending'],
  fail: ['sending', 'pending', 'verified'],
  supersede: ['sending', 'pending', 'verified'],
  expireUnfetchedNotice: ['issued'],
};

/** One transition that happened: what the metrics (and later the audit trail) are told after the commit. */
export interface IssuanceTransition {
  name: TransitionName;
  issuanceId: string;
  channel: IssuanceChannel;
  from: IssuanceStatus | null;
  to: IssuanceStatus;
  /** `fail` only: the recorded reason (free text: never a metric label as it is, see failure-reasons.ts). */
  reason?: string;
}

/** A transition asked for from a state that does not allow it. */
export class IllegalTransitionError extends ConflictError {
  constructor(name: TransitionName, from: IssuanceStatus | null, channel: IssuanceChannel) {
    super('ILLEGAL_TRANSITION', `An issuance (${channel}) cannot ${name} from "${from ?? 'nothing'}".`, 'status');
    this.withParams({ transition: name, from: from ?? '', channel });
  }
}

/** Whether `name` may happen to an issuance in `status` on `channel`. */
export function mayTransition(name: TransitionName, status: IssuanceStatus, channel: IssuanceChannel): boolean {
  if (!allowedFrom[name].includes(status)) return false;
  // A credentials mail needs the click (or a direct reissue); a PDF is rendered straight from sending.
  if (name === 'recordPasswordIssued') return channel === 'pdf' ? status === 'sending' : status === 'verified';
  if (name === 'expireUnfetchedNotice') return channel === 'pdf';
  // Only a verification link is sent, clicked, withdrawn or runs out.
  if (['recordVerificationSent', 'confirm', 'withdrawConfirmation', 'expire'].includes(name))
    return channel === 'email';
  return true;
}

/** What of an issuance the state machine reads and writes. */
export type IssuanceState = Pick<
  Issuance,
  | 'id'
  | 'status'
  | 'channel'
  | 'kind'
  | 'verificationSentAt'
  | 'expiresAt'
  | 'verifiedAt'
  | 'issuedAt'
  | 'endedAt'
  | 'failureReason'
  | 'tokenConsumedAt'
  | 'sealedToken'
  | 'sealedPassword'
  | 'verificationMessageId'
  | 'credentialsMessageId'
>;

/** What of an account the state machine reads and writes. */
export type AccountState = Pick<
  Account,
  'passwordStatus' | 'passwordIssuedVia' | 'authStatus' | 'authRequestedAt' | 'passwordHash'
>;

/**
 * The transitions of one unit of work: each call checks the source state, writes the fields the transition
 * owns and keeps an event; `events` are published once the transaction committed (see `issuance-events.ts`).
 */
export class IssuanceTransitions {
  readonly events: IssuanceTransition[] = [];

  private move(issuance: IssuanceState, name: TransitionName, to: IssuanceStatus, reason?: string): void {
    const from = issuance.status;
    if (!mayTransition(name, from, issuance.channel)) throw new IllegalTransitionError(name, from, issuance.channel);
    issuance.status = to;
    const event: IssuanceTransition = { name, issuanceId: issuance.id, channel: issuance.channel, from, to };
    if (reason !== undefined) event.reason = reason;
    this.events.push(event);
  }

  /**
   * A new issuance begins: `sending` (its verification mail or its PDF is on the way), or `verified` for
   * アカウント通知メール送信 (reissue B), whose credentials go out without a verification step.
   */
  open(issuance: IssuanceState & { status: IssuanceStatus }): void {
    const to: IssuanceStatus =
      issuance.kind === 'reissue-direct' && issuance.channel === 'email' ? 'verified' : 'sending';
    issuance.status = to;
    this.events.push({ name: 'open', issuanceId: issuance.id, channel: issuance.channel, from: null, to });
  }

  /** The verification request mail was accepted: the link works until `sentAt + validityMs`; the kept token goes. */
  recordVerificationSent(
    issuance: IssuanceState,
    account: AccountState,
    sent: { sentAt: Date; validityMs: number; messageId: string },
  ): void {
    this.move(issuance, 'recordVerificationSent', 'pending');
    issuance.verificationSentAt = sent.sentAt;
    issuance.expiresAt = new Date(sent.sentAt.getTime() + sent.validityMs);
    issuance.verificationMessageId = sent.messageId;
    issuance.sealedToken = undefined;
    account.passwordStatus = issuance.kind === 'initial' ? 'issuing' : 'reissuing';
    account.authStatus = 'pending';
    account.authRequestedAt = sent.sentAt;
  }

  /** 認証する: the link is used up (single use) and the mailbox is verified. */
  confirm(issuance: IssuanceState, account: AccountState, now: Date): void {
    this.move(issuance, 'confirm', 'verified');
    issuance.verifiedAt = now;
    issuance.tokenConsumedAt = now;
    account.authStatus = 'verified';
  }

  /** The workflow could not be told of the click: the link works again, so the employee can press once more. */
  withdrawConfirmation(issuance: IssuanceState, account: AccountState): void {
    if (issuance.issuedAt) throw new IllegalTransitionError('withdrawConfirmation', issuance.status, issuance.channel);
    this.move(issuance, 'withdrawConfirmation', 'pending');
    issuance.verifiedAt = undefined;
    issuance.tokenConsumedAt = undefined;
    account.authStatus = 'pending';
  }

  /**
   * The one "password issued" block, for the credentials mail, the single PDF notice and a bulk notice's page:
   * the issuance ends issued and the account is 発行済 (e-mail, mailbox verified) or PDF発行済 (no mailbox verified
   * on this channel: a pending e-mail verification of an earlier round is over).
   */
  recordPasswordIssued(
    issuance: IssuanceState,
    account: AccountState,
    issued: { at: Date; credentialsMessageId?: string },
  ): void {
    this.move(issuance, 'recordPasswordIssued', 'issued');
    issuance.issuedAt = issued.at;
    issuance.endedAt = issued.at;
    issuance.sealedPassword = undefined;
    if (issued.credentialsMessageId) issuance.credentialsMessageId = issued.credentialsMessageId;
    account.passwordStatus = 'issued';
    account.passwordIssuedVia = issuance.channel;
    account.authStatus = issuance.channel === 'email' ? 'verified' : 'none';
  }

  /**
   * The validity period ended before the click. The account shows 期限切れ unless another link of the same
   * round (another address) still waits for its owner.
   */
  expire(issuance: IssuanceState, account: AccountState, now: Date, otherLinksWaiting: boolean): void {
    this.move(issuance, 'expire', 'expired');
    issuance.endedAt = now;
    issuance.sealedToken = undefined;
    if (account.authStatus === 'pending' && !otherLinksWaiting) account.authStatus = 'expired';
  }

  /** Gave up (the mail server refused the address, the delivery deadline passed, the workflow could not start). */
  fail(issuance: IssuanceState, reason: string, now: Date): void {
    this.move(issuance, 'fail', 'failed', reason.slice(0, 500));
    issuance.failureReason = reason.slice(0, 500);
    issuance.endedAt = now;
    issuance.sealedToken = undefined;
    issuance.sealedPassword = undefined;
  }

  /** A later issuance (or the winning click of the round) replaced this one: its link stops, its secrets go. */
  supersede(issuance: IssuanceState, now: Date): void {
    this.move(issuance, 'supersede', 'superseded');
    issuance.endedAt = now;
    issuance.sealedToken = undefined;
    issuance.sealedPassword = undefined;
  }

  /**
   * A notice's link ended before anyone downloaded it: nobody has that password, so the issuance counts as
   * expired and the account becomes PDF未取得/期限切れ without a working password.
   */
  expireUnfetchedNotice(issuance: IssuanceState, account: AccountState | undefined): void {
    this.move(issuance, 'expireUnfetchedNotice', 'expired');
    if (account && isWaitingForNotice(account)) {
      account.passwordStatus = 'notice-expired';
      account.passwordIssuedVia = undefined;
      account.passwordHash = undefined;
    }
  }
}

/** PDF発行済: a notice holds the account's password and was not downloaded yet. */
export function isWaitingForNotice(account: Pick<AccountState, 'passwordStatus' | 'passwordIssuedVia'>): boolean {
  return account.passwordStatus === 'issued' && account.passwordIssuedVia === 'pdf';
}

/**
 * PDF発行済 → 発行済 once the notice is in the admin's hands (the download, with the account locked); the
 * issuance stays issued on channel `pdf`. An account that moved on since (a later issuance) stays as it is.
 */
export function recordNoticeFetched(account: Pick<AccountState, 'passwordStatus' | 'passwordIssuedVia'>): void {
  if (isWaitingForNotice(account)) account.passwordIssuedVia = undefined;
}

/** The system administrator created with a password the operator holds (bootstrap): 発行済. */
export function recordOperatorPassword(account: AccountState): void {
  account.passwordStatus = 'issued';
}
