import type { IssuanceStatus } from '../entities';
import { prepareVerificationMail, recordVerificationSent } from '../domain/issuance/issuance-steps';
import { recordDeliveryProblem } from '../domain/issuance/delivery-problems';
import type { ActivityDependencies } from './dependencies';
import { temporaryDeliveryProblem } from './mail-failures';

/**
 * Sends the verification request mail (prepareVerificationMail: the same link on every retry). The validity
 * period counts from the moment the SMTP server accepted the mail, however long retries took before.
 */
export function createSendVerificationMail(deps: ActivityDependencies) {
  const now = deps.clock ?? (() => new Date());
  return async function sendVerificationMail(
    issuanceId: string,
    verificationValidityMs: number,
  ): Promise<{ state: IssuanceStatus }> {
    const prepared = await prepareVerificationMail(deps.orm.em.fork(), deps, issuanceId, verificationValidityMs);
    if (prepared.state !== 'ready') return { state: prepared.state };
    const { messageId } = await deps.mailer
      .send({ to: prepared.to, ...prepared.mail, messageId: prepared.messageId })
      .catch(async (error: unknown) => {
        const problem = temporaryDeliveryProblem(error);
        if (problem) await recordDeliveryProblem(deps.orm.em.fork(), issuanceId, problem, now());
        throw error;
      });
    const { state } = await recordVerificationSent(
      deps.orm.em.fork(),
      deps,
      issuanceId,
      verificationValidityMs,
      messageId,
    );
    return { state };
  };
}
