import { renderVerificationRequest, type RenderedMail } from '../lib/mail/verification-request';
import { messageIdFor } from '../lib/mailer';
import { generateToken } from '../lib/secret-box';
import { LockMode } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { Account, BulkRunItem, Issuance, type Company, type IssuanceStatus } from '../entities';
import type { ActivityDependencies } from './dependencies';
import { displayName, lockIssuance, mailLocale } from '../domain/issuance/issuance-access';

/** A verification mail ready to send, with its stable Message-ID. */
export interface VerificationMail {
  to: string;
  mail: RenderedMail;
  messageId: string;
}

type PreparedVerificationMail =
  { state: Exclude<IssuanceStatus, 'sending'>; expiresAt?: Date } | ({ state: 'ready' } & VerificationMail);

/**
 * The verification request mail of an issuance still `sending`, with its link. The token is made here,
 * kept encrypted until the mail is out, and stored as a keyed hash; a retry (or the workflow's own
 * activity after a bulk chunk's attempt) sends the same link again instead of a second, different one.
 * `bulk` unset: looked up (a bulk run's mail has its own subject).
 */
export async function prepareVerificationMail(
  deps: ActivityDependencies,
  issuanceId: string,
  verificationValidityMs: number,
  bulk?: boolean,
): Promise<PreparedVerificationMail> {
  return deps.orm.em.fork().transactional(async (em) => {
    const { issuance, account, company } = await lockIssuance(em, issuanceId, 'sealedToken');
    if (issuance.status !== 'sending') return { state: issuance.status, expiresAt: issuance.expiresAt };
    const isBulk = bulk ?? (await em.count(BulkRunItem, { issuance: issuance.id })) > 0;
    return {
      state: 'ready',
      ...verificationMailOf(deps, { issuance, account, company }, verificationValidityMs, isBulk),
    };
  });
}

/**
 * The mail of an issuance in `sending` whose row the caller holds (locked, or just created in its
 * transaction): the kept token, or a new one sealed on the row with its keyed hash, and the expiry as of now.
 */
export function verificationMailOf(
  deps: ActivityDependencies,
  rows: { issuance: Issuance; account: Account; company: Company },
  verificationValidityMs: number,
  bulk: boolean,
): VerificationMail {
  const now = deps.clock ?? (() => new Date());
  const { issuance, account, company } = rows;
  let token: string;
  if (issuance.sealedToken) {
    token = deps.secretBox.open(issuance.sealedToken, issuance.id);
  } else {
    token = generateToken();
    issuance.sealedToken = deps.secretBox.seal(token, issuance.id);
    issuance.tokenHash = deps.secretBox.hashToken(token);
  }
  issuance.expiresAt = new Date(now().getTime() + verificationValidityMs);
  const mail = renderVerificationRequest({
    locale: mailLocale(account, company),
    serviceName: company.serviceName,
    companyName: company.name,
    recipientName: displayName(account),
    link: `${deps.publicBaseUrl}/verify/${token}`,
    expiresAt: issuance.expiresAt,
    timeZone: company.timeZone,
    bulk,
  });
  return {
    to: issuance.emailAddress,
    mail,
    messageId: messageIdFor(`${issuance.id}.verification`, deps.publicBaseUrl),
  };
}

/**
 * Records the accepted verification mail: the issuance waits for the click until `expiresAt`, counted
 * from this moment, and the kept token is deleted. Returns the issuance's state and that expiry.
 */
export async function recordVerificationSent(
  deps: ActivityDependencies,
  issuanceId: string,
  verificationValidityMs: number,
  messageId: string,
): Promise<{ state: IssuanceStatus; expiresAt?: Date }> {
  const recorded = await recordVerificationsSent(deps, [{ issuanceId, messageId }], verificationValidityMs);
  const answer = recorded.get(issuanceId);
  if (!answer) {
    throw ApplicationFailure.create({
      type: 'IssuanceNotFound',
      message: `issuance ${issuanceId} not found`,
      nonRetryable: true,
    });
  }
  return answer;
}

/**
 * `recordVerificationSent` for the mails a bulk chunk sent, in one transaction of a few statements: the
 * accounts locked first in id order, then their issuances (the order of every other writer), so it
 * never deadlocks with a click or a new issuance. Answers per issuance found.
 */
export async function recordVerificationsSent(
  deps: ActivityDependencies,
  sent: readonly { issuanceId: string; messageId: string }[],
  verificationValidityMs: number,
): Promise<Map<string, { state: IssuanceStatus; expiresAt?: Date }>> {
  const now = deps.clock ?? (() => new Date());
  const answers = new Map<string, { state: IssuanceStatus; expiresAt?: Date }>();
  if (sent.length === 0) return answers;
  const messageIds = new Map(sent.map((entry) => [entry.issuanceId, entry.messageId]));
  return deps.orm.em.fork().transactional(async (em) => {
    const ids = [...messageIds.keys()];
    const owners = await em.find(Issuance, { id: { $in: ids } }, { fields: ['account'] });
    const accounts = await em.find(
      Account,
      { id: { $in: [...new Set(owners.map((row) => row.account.id))] } },
      { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } },
    );
    const issuances = await em.find(
      Issuance,
      { id: { $in: ids } },
      { lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['i0'], refresh: true, orderBy: { id: 'asc' } },
    );
    // The kept token is lazy: loaded (after the lock, see lockAccountThenIssuance) so that clearing it is written.
    await em.populate(issuances, ['sealedToken'] as never);
    const accountById = new Map(accounts.map((account) => [account.id, account]));
    const sentAt = now();
    for (const issuance of issuances) {
      if (issuance.status !== 'sending') {
        answers.set(issuance.id, { state: issuance.status, expiresAt: issuance.expiresAt });
        continue;
      }
      const account = accountById.get(issuance.account.id)!;
      issuance.status = 'pending';
      issuance.verificationSentAt = sentAt;
      issuance.expiresAt = new Date(sentAt.getTime() + verificationValidityMs);
      issuance.verificationMessageId = messageIds.get(issuance.id)!;
      issuance.sealedToken = undefined;
      account.passwordStatus = issuance.kind === 'initial' ? 'issuing' : 'reissuing';
      account.authStatus = 'pending';
      account.authRequestedAt = sentAt;
      deps.logger.info({ issuanceId: issuance.id, event: 'verification-mail-sent' }, 'verification request mail sent');
      answers.set(issuance.id, { state: issuance.status, expiresAt: issuance.expiresAt });
    }
    return answers;
  });
}

/**
 * Sends the verification request mail (see prepareVerificationMail). The validity period counts from the
 * moment the SMTP server accepted the mail, however long retries took before: each attempt states the
 * expiry as of that attempt, and the accepted one fixes it.
 */
export function createSendVerificationMail(deps: ActivityDependencies) {
  return async function sendVerificationMail(
    issuanceId: string,
    verificationValidityMs: number,
  ): Promise<{ state: IssuanceStatus }> {
    const prepared = await prepareVerificationMail(deps, issuanceId, verificationValidityMs);
    if (prepared.state !== 'ready') return { state: prepared.state };
    const { messageId } = await deps.mailer.send({ to: prepared.to, ...prepared.mail, messageId: prepared.messageId });
    const { state } = await recordVerificationSent(deps, issuanceId, verificationValidityMs, messageId);
    return { state };
  };
}
