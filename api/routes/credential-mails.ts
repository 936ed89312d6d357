import { z } from 'zod';
import { accountCodeParam } from '../../domain/input-schemas';
import { sendCredentialMail } from '../../domain/issuance/email-issuance';
import { defineRoute } from '../route';
import { infoMessage } from '../messages';
import type { RouteTarget } from './types';

const credentialMailBody = z
  .object({
    emailSlot: z
      .union([z.literal(1), z.literal(2), z.literal(3)])
      .default(1)
      .meta({ description: 'The address the login id and new password go to: メールアドレス1 (default), 2 or 3' }),
  })
  .strict()
  .meta({ id: 'CredentialMailRequest' });

const credentialMailResponse = z
  .object({
    issuanceId: z.uuid(),
    workflowId: z.string(),
    kind: z.literal('reissue-direct'),
    emailSlot: z.number().int(),
    emailAddress: z.string(),
    warnings: z.array(z.object({ code: z.literal('ADDRESS_NOT_VERIFIED'), message: z.string() })),
  })
  .meta({ id: 'CredentialMail' });

/**
 * パスワード再発行 B (アカウント通知メール送信): a new password straight to the chosen address, without the
 * verification step. The old password stops working at once and every earlier link is ended; the
 * account stays 発行済/済. The emailIssuance workflow (direct) carries the mail, so a retry sends the
 * same password.
 */
export function registerCredentialMailRoutes(target: RouteTarget): void {
  const { services } = target;

  defineRoute(target, {
    method: 'post',
    path: '/api/accounts/:code/credential-mails',
    idempotent: true,
    summary: 'Reissue: mail the login id and a new password straight to an address (アカウント通知メール送信)',
    tag: 'Issuance',
    access: { permission: 'issuance:reissue' },
    params: accountCodeParam,
    body: credentialMailBody,
    responses: {
      202: {
        description: 'Started; warns when the address was never verified (認証済みアドレスを推奨)',
        schema: credentialMailResponse,
      },
      404: { description: 'No such account' },
      409: { description: 'No password issued yet, the company issues by PDF, or the account is disabled' },
      422: { description: 'The chosen address slot is empty' },
      503: { description: 'The workflow service is unreachable; nothing was sent' },
    },
    handler: async ({ em, auth, params, body, language }) => {
      const recorded = await sendCredentialMail({ em, temporal: services.temporal, logger: services.logger }, auth, {
        accountCode: params.code,
        emailSlot: body.emailSlot,
      });
      const { issuance } = recorded;
      return {
        status: 202,
        body: {
          issuanceId: issuance.id,
          workflowId: issuance.workflowId,
          kind: 'reissue-direct' as const,
          emailSlot: issuance.emailSlot,
          emailAddress: issuance.emailAddress,
          warnings: recorded.addressVerified
            ? []
            : [
                {
                  code: 'ADDRESS_NOT_VERIFIED' as const,
                  message: infoMessage('ADDRESS_NOT_VERIFIED', language),
                },
              ],
        },
      };
    },
  });
}
