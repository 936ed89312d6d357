import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { Account, BulkRunItem, Issuance, PasswordNotice, type Company, type IssuanceStatus } from '../../entities';
import type { Logger } from '../../lib/logger';
import { renderCredentials } from '../../lib/mail/credentials';
import { renderVerificationRequest, type RenderedMail } from '../../lib/mail/verification-request';
import { messageIdFor } from '../../lib/mailer';
import { generatePassword, hashPassword } from '../../lib/passwords';
import { renderPasswordNotice, type PasswordNoticePage } from '../../lib/pdf/password-notice';
import { generateToken, type SecretBox } from '../../lib/secret-box';
import { revokeSessionsOf } from '../access/sessions';
import { NotFoundError } from '../errors';
import { employeeLinks } from './employee-links';
import { withTransitions } from './issuance-events';
import { mayTransition, type TransitionName } from './state-machine';
import { nowOf } from '../services';
import { displayName, lockIssuance, mailLocale } from './issuance-access';
import { keptSecrets } from './supersede';

/**
 * The steps of an issuance that its workflow's activities run, each one transaction around one transition of
 * the state machine (state-machine.ts): the activity sends or renders between them and does nothing else.
 * Every step is idempotent: a retry that finds the issuance moved on answers its state and changes nothing.
 */

/** What the steps need besides their unit of work; the activities' dependencies provide it. */
export interface IssuanceStepServices {
  secretBox: SecretBox;
  publicBaseUrl: string;
  logger: Logger;
  clock?: () => Date;
}

/** Whether the state machine lets `issuance` take `transition` now; a step that may not answers the state it found. */
function may(transition: TransitionName, issuance: Issuance): boolean {
  return mayTransition(transition, issuance.status, issuance.channel);
}

/** A verification mail ready to send, with its stable Message-ID. */
export interface VerificationMail {
  to: string;
  mail: RenderedMail;
  messageId: string;
}

export type PreparedVerificationMail =
  { state: Exclude<IssuanceStatus, 'sending'>; expiresAt?: Date } | ({ state: 'ready' } & VerificationMail);

/**
 * The mail of an issuance in `sending` whose row the caller holds (locked, or just created in its
 * transaction): the kept token, or a new one sealed on the row with its keyed hash, and the expiry as of now.
 * The token is kept encrypted until the mail is out, so a retry sends the same link, never a second one.
 */
export function verificationMailOf(
  services: IssuanceStepServices,
  rows: { issuance: Issuance; account: Account; company: Company },
  verificationValidityMs: number,
  bulk: boolean,
): VerificationMail {
  const { issuance, account, company } = rows;
  let token: string;
  if (issuance.sealedToken) {
    token = services.secretBox.open(issuance.sealedToken, issuance.id);
  } else {
    token = generateToken();
    issuance.sealedToken = services.secretBox.seal(token, issuance.id);
    issuance.tokenHash = services.secretBox.hashToken(token);
  }
  issuance.expiresAt = new Date(nowOf(services).getTime() + verificationValidityMs);
  const mail = renderVerificationRequest({
    locale: mailLocale(account, company),
    serviceName: company.serviceName,
    companyName: company.name,
    recipientName: displayName(account),
    link: `${services.publicBaseUrl}/verify/${token}`,
    expiresAt: issuance.expiresAt,
    timeZone: company.timeZone,
    bulk,
    reissue: issuance.kind !== 'initial',
  });
  return {
    to: issuance.emailAddress,
    mail,
    messageId: messageIdFor(`${issuance.id}.verification`, services.publicBaseUrl),
  };
}

/**
 * The verification request mail of an issuance still `sending`, with its link (see verificationMailOf), or the
 * state it has moved on to. `bulk` unset: looked up (a bulk run's mail has its own subject).
 */
export async function prepareVerificationMail(
  em: EntityManager,
  services: IssuanceStepServices,
  issuanceId: string,
  verificationValidityMs: number,
  bulk?: boolean,
): Promise<PreparedVerificationMail> {
  return em.transactional(async (tx) => {
    const { issuance, account, company } = await lockIssuance(tx, issuanceId, 'sealedToken');
    // Only a mail still `sending` is (re)sent: the type of the answer keeps that state out.
    if (issuance.status !== 'sending') return { state: issuance.status, expiresAt: issuance.expiresAt };
    const isBulk = bulk ?? (await tx.count(BulkRunItem, { issuance: issuance.id })) > 0;
    return {
      state: 'ready',
      ...verificationMailOf(services, { issuance, account, company }, verificationValidityMs, isBulk),
    };
  });
}

/**
 * recordVerificationSent for the mails one call sent (one issuance, or a bulk chunk's slice), in one transaction
 * of a few statements: the accounts locked first in id order, then their issuances (the order of every other
 * writer), so it never deadlocks with a click or a new issuance. The validity counts from now, the moment the
 * SMTP server accepted the mail. Answers the state and expiry per issuance found.
 */
export async function recordVerificationsSent(
  em: EntityManager,
  services: IssuanceStepServices,
  sent: readonly { issuanceId: string; messageId: string }[],
  verificationValidityMs: number,
): Promise<Map<string, { state: IssuanceStatus; expiresAt?: Date }>> {
  const answers = new Map<string, { state: IssuanceStatus; expiresAt?: Date }>();
  if (sent.length === 0) return answers;
  const messageIds = new Map(sent.map((entry) => [entry.issuanceId, entry.messageId]));
  return withTransitions(em, async (tx, transitions) => {
    const ids = [...messageIds.keys()];
    const owners = await tx.find(Issuance, { id: { $in: ids } }, { fields: ['account'] });
    const accounts = await tx.find(
      Account,
      { id: { $in: [...new Set(owners.map((row) => row.account.id))] } },
      { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } },
    );
    const issuances = await tx.find(
      Issuance,
      { id: { $in: ids } },
      { lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['i0'], refresh: true, orderBy: { id: 'asc' } },
    );
    // The kept token is lazy: loaded (after the lock, see lockAccountThenIssuance) so that clearing it is written.
    await tx.populate(issuances, ['sealedToken'] as never);
    const accountById = new Map(accounts.map((account) => [account.id, account]));
    const sentAt = nowOf(services);
    for (const issuance of issuances) {
      if (may('recordVerificationSent', issuance)) {
        transitions.recordVerificationSent(issuance, accountById.get(issuance.account.id)!, {
          sentAt,
          validityMs: verificationValidityMs,
          messageId: messageIds.get(issuance.id)!,
        });
        services.logger.info({ issuanceId: issuance.id, event: 'verification-mail-sent' }, 'verification mail sent');
      }
      answers.set(issuance.id, { state: issuance.status, expiresAt: issuance.expiresAt });
    }
    return answers;
  });
}

/** recordVerificationsSent for one issuance's accepted mail. */
export async function recordVerificationSent(
  em: EntityManager,
  services: IssuanceStepServices,
  issuanceId: string,
  verificationValidityMs: number,
  messageId: string,
): Promise<{ state: IssuanceStatus; expiresAt?: Date }> {
  const recorded = await recordVerificationsSent(em, services, [{ issuanceId, messageId }], verificationValidityMs);
  const answer = recorded.get(issuanceId);
  if (!answer) throw new NotFoundError(`issuance ${issuanceId} not found`, 'ISSUANCE_NOT_FOUND');
  return answer;
}

/**
 * The validity period passed. The database decides a race with a late click: if the employee confirmed first,
 * the issuance stays verified and the workflow goes on.
 */
export async function expireIssuance(
  em: EntityManager,
  services: IssuanceStepServices,
  issuanceId: string,
): Promise<{ state: IssuanceStatus }> {
  return withTransitions(em, async (tx, transitions) => {
    const { issuance, account } = await lockIssuance(tx, issuanceId, 'sealedToken');
    if (!may('expire', issuance)) return { state: issuance.status };
    // Another address of the same round may still wait for its owner's click.
    const stillWaiting = await tx.count(Issuance, {
      account: account.id,
      id: { $ne: issuance.id },
      status: { $in: ['sending', 'pending'] },
    });
    transitions.expire(issuance, account, nowOf(services), stillWaiting > 0);
    services.logger.info({ issuanceId, event: 'issuance-expired' }, 'verification period ended');
    return { state: issuance.status };
  });
}

/** The issuance gave up (the mail server refused the address for a day, …); an ended one stays as it ended. */
export async function failIssuance(
  em: EntityManager,
  services: IssuanceStepServices,
  issuanceId: string,
  reason: string,
): Promise<{ state: IssuanceStatus }> {
  return withTransitions(em, async (tx, transitions) => {
    const { issuance } = await lockIssuance(tx, issuanceId, null);
    await tx.populate(issuance, keptSecrets);
    if (!may('fail', issuance)) return { state: issuance.status };
    transitions.fail(issuance, reason, nowOf(services));
    services.logger.warn({ issuanceId, event: 'issuance-failed', reason }, 'issuance failed');
    return { state: issuance.status };
  });
}

/**
 * A new password for the account: only its argon2id hash is stored, the account must change it at the next
 * login, and its sessions end (the caller revokes them: one account, or a bulk batch's accounts at once).
 */
export function giveGeneratedPassword(account: Account, passwordHash: string, now: Date): void {
  account.passwordHash = passwordHash;
  account.mustChangePassword = true;
  account.passwordChangedAt = now;
}

export type PreparedCredentials = { state: IssuanceStatus } | { state: 'ready'; to: string; mail: RenderedMail };

/**
 * The credentials mail of a verified issuance. The password is generated here the first time and kept
 * encrypted on the issuance until the mail is out, so a retry mails the same password, never a second one;
 * it leaves this function only inside the rendered mail, which the activity sends.
 */
export async function prepareCredentials(
  em: EntityManager,
  services: IssuanceStepServices,
  issuanceId: string,
): Promise<PreparedCredentials> {
  return em.transactional(async (tx) => {
    const { issuance, account, company } = await lockIssuance(tx, issuanceId, 'sealedPassword');
    if (!may('recordPasswordIssued', issuance)) return { state: issuance.status };
    let password: string;
    if (issuance.sealedPassword) {
      password = services.secretBox.open(issuance.sealedPassword, issuance.id);
    } else {
      const now = nowOf(services);
      password = generatePassword(company.minPasswordLength);
      giveGeneratedPassword(account, await hashPassword(password), now);
      await revokeSessionsOf(tx, account.id, now);
      issuance.sealedPassword = services.secretBox.seal(password, issuance.id);
    }
    const mail = renderCredentials({
      ...employeeLinks(company, account, services.publicBaseUrl),
      serviceName: company.serviceName,
      companyCode: company.code,
      recipientName: displayName(account),
      loginId: account.code,
      password,
      reissue: issuance.kind !== 'initial',
    });
    return { state: 'ready', to: issuance.emailAddress, mail };
  });
}

/** The Message-ID of an issuance's credentials mail: the same for every retry. */
export function credentialsMessageId(services: Pick<IssuanceStepServices, 'publicBaseUrl'>, issuanceId: string) {
  return messageIdFor(`${issuanceId}.credentials`, services.publicBaseUrl);
}

/** The credentials mail was accepted: the password issued, and its kept copy deleted whatever the state. */
export async function recordCredentialsSent(
  em: EntityManager,
  services: IssuanceStepServices,
  issuanceId: string,
  messageId: string,
): Promise<{ state: IssuanceStatus }> {
  return withTransitions(em, async (tx, transitions) => {
    const { issuance, account } = await lockIssuance(tx, issuanceId, 'sealedPassword');
    issuance.sealedPassword = undefined;
    if (!may('recordPasswordIssued', issuance)) return { state: issuance.status };
    transitions.recordPasswordIssued(issuance, account, { at: nowOf(services), credentialsMessageId: messageId });
    services.logger.info({ issuanceId, event: 'credentials-mail-sent' }, 'credentials mail sent');
    return { state: issuance.status };
  });
}

/**
 * A single PDF issuance: the password generated, its hash stored, the パスワード通知書 rendered and sealed on the
 * notice row, all in one transaction with the issuance locked. A retry after the commit finds the issuance
 * issued and does nothing; a retry before it starts afresh, and no password of the failed attempt was ever
 * visible anywhere. The password never leaves this function.
 */
export async function renderSinglePasswordNotice(
  em: EntityManager,
  services: IssuanceStepServices,
  issuanceId: string,
): Promise<{ state: IssuanceStatus }> {
  return withTransitions(em, async (tx, transitions) => {
    const { issuance, account, company } = await lockIssuance(tx, issuanceId, null);
    if (!may('recordPasswordIssued', issuance)) return { state: issuance.status };
    const notice = await tx.findOne(PasswordNotice, { issuance: issuanceId });
    if (!notice) {
      throw new NotFoundError(`issuance ${issuanceId} has no password notice row`, 'PASSWORD_NOTICE_NOT_FOUND');
    }
    const issuedAt = nowOf(services);
    const password = generatePassword(company.minPasswordLength);
    giveGeneratedPassword(account, await hashPassword(password), issuedAt);
    await revokeSessionsOf(tx, account.id, issuedAt);
    const pdf = await renderPasswordNotice([noticePageOf(services, company, account, password, issuedAt)]);
    notice.sealedContent = services.secretBox.seal(pdf.toString('base64'), notice.id);
    notice.renderedAt = issuedAt;
    transitions.recordPasswordIssued(issuance, account, { at: issuedAt });
    services.logger.info({ issuanceId, event: 'password-notice-rendered' }, 'password notice rendered');
    return { state: issuance.status };
  });
}

/** One employee's page of a パスワード通知書 (single or bulk): the password exists only here and in the PDF. */
export function noticePageOf(
  services: Pick<IssuanceStepServices, 'publicBaseUrl'>,
  company: Company,
  account: Account,
  password: string,
  issuedAt: Date,
): PasswordNoticePage {
  return {
    ...employeeLinks(company, account, services.publicBaseUrl),
    serviceName: company.serviceName,
    companyName: company.name,
    companyCode: company.code,
    employeeName: displayName(account),
    loginId: account.code,
    password,
    issuedAt,
    timeZone: company.timeZone,
  };
}
