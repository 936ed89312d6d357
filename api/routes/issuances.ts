import { z } from 'zod';
import { type Issuance, issuanceChannels, issuanceKinds, issuanceStatuses } from '../../entities';
import { accountCodeParam } from '../../domain/input-schemas';
import { startEmailIssuance } from '../../domain/issuance/email-issuance';
import { issuanceHistory } from '../../domain/issuance/history';
import { defineRoute } from '../route';
import { infoMessage } from '../messages';
import type { RouteTarget } from './types';

const issuanceSchema = z
  .object({
    id: z.uuid(),
    sequence: z.number().int(),
    kind: z.enum(issuanceKinds),
    channel: z.enum(issuanceChannels),
    emailSlot: z.number().int().min(1).max(3),
    emailAddress: z.string(),
    status: z.enum(issuanceStatuses),
    workflowId: z.string().meta({ description: 'Find the run in the Temporal UI by this id' }),
    requestedBy: z.string().nullable().meta({ description: 'Account code of the admin who started it' }),
    createdAt: z.iso.datetime(),
    verificationSentAt: z.iso.datetime().nullable(),
    expiresAt: z.iso.datetime().nullable(),
    verifiedAt: z.iso.datetime().nullable(),
    issuedAt: z.iso.datetime().nullable(),
    endedAt: z.iso.datetime().nullable(),
    failureReason: z.string().nullable(),
  })
  .meta({ id: 'Issuance' });

function issuanceView(issuance: Issuance): z.infer<typeof issuanceSchema> {
  const iso = (date?: Date) => date?.toISOString() ?? null;
  return {
    id: issuance.id,
    sequence: issuance.sequence,
    kind: issuance.kind,
    channel: issuance.channel,
    emailSlot: issuance.emailSlot,
    emailAddress: issuance.emailAddress,
    status: issuance.status,
    workflowId: issuance.workflowId,
    requestedBy: issuance.requestedBy?.getEntity().code ?? null,
    createdAt: issuance.createdAt.toISOString(),
    verificationSentAt: iso(issuance.verificationSentAt),
    expiresAt: iso(issuance.expiresAt),
    verifiedAt: iso(issuance.verifiedAt),
    issuedAt: iso(issuance.issuedAt),
    endedAt: iso(issuance.endedAt),
    failureReason: issuance.failureReason ?? null,
  };
}

const startBody = z
  .object({
    emailSlot: z
      .union([z.literal(1), z.literal(2), z.literal(3)])
      .default(1)
      .meta({ description: 'Which address gets the mails: メールアドレス1 (default), 2 or 3' }),
  })
  .strict()
  .meta({ id: 'StartEmailIssuanceRequest' });

export function registerIssuanceRoutes(target: RouteTarget): void {
  const { services } = target;

  defineRoute(target, {
    method: 'post',
    path: '/api/accounts/:code/email-issuances',
    idempotent: true,
    summary:
      'Send a verification request mail; the password follows once the employee confirms. For an account with a ' +
      'password (reissue A) the current password stops working and its sessions end at once',
    tag: 'Issuance',
    access: { permission: 'issuance:issue' },
    params: accountCodeParam,
    body: startBody,
    responses: {
      202: {
        description: 'Started; earlier open issuances of the account are superseded',
        schema: issuanceSchema.extend({
          message: z.string().meta({ description: '認証要求メールを送信しました。 in the admin’s language' }),
        }),
      },
      404: { description: 'No such account' },
      409: { description: 'The company issues by PDF, or the account is disabled' },
      422: { description: 'The chosen address slot is empty' },
      503: { description: 'The workflow service is unreachable; nothing was sent' },
    },
    handler: async ({ em, auth, params, body, language }) => {
      const issuance = await startEmailIssuance(
        { em, temporal: services.temporal, logger: services.logger },
        { accountCode: params.code, emailSlot: body.emailSlot, auth },
      );
      await em.populate(issuance, ['requestedBy']);
      return {
        status: 202,
        body: { ...issuanceView(issuance), message: infoMessage('VERIFICATION_MAIL_SENT', language) },
      };
    },
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/accounts/:code/issuances',
    summary: 'Issuance history of one account: when each link went out, expired or was confirmed',
    tag: 'Issuance',
    access: { permission: 'accounts:read' },
    params: accountCodeParam,
    responses: {
      200: { description: 'Newest first', schema: z.object({ items: z.array(issuanceSchema) }) },
      404: { description: 'No such account' },
    },
    handler: async ({ em, auth, params }) => {
      const rows = await issuanceHistory(em, auth, params.code);
      return { status: 200, body: { items: rows.map(issuanceView) } };
    },
  });
}
