import type { Request, Response } from 'express';
import type { Principal } from '../domain/access/principal';
import { actorOf } from '../domain/audit/actor';
import { recordAuditNow } from '../domain/audit/audit-trail';
import { ForbiddenError } from '../domain/errors';
import type { ApiServices } from './services';

/** The audit trail's target type of a route's first path segment (`/api/accounts/:code` → `account`). */
const targetTypes: Record<string, string> = {
  accounts: 'account',
  roles: 'role',
  departments: 'department',
  'reporting-departments': 'reporting-department',
  ranks: 'rank',
  partners: 'partner',
  projects: 'project',
  transfers: 'transfer',
  reorganisations: 'reorganisation',
  'account-imports': 'import',
  'bulk-email-issuances': 'bulk-run',
  'pdf-issuances': 'bulk-run',
};

/**
 * A refusal by the policy is an event of the audit trail (outcome `refused`): recorded here, the one place every
 * route's ForbiddenError passes with the principal at hand, in its own statement since the change's transaction
 * rolled back. The attempted fields are named, never their values. A failure to record is logged, never answered.
 */
export async function recordRefusal(
  services: ApiServices,
  request: { req: Request; res: Response; path: string },
  error: unknown,
): Promise<void> {
  const principal = request.res.locals.principal as Principal | undefined;
  if (!principal || !(error instanceof ForbiddenError)) return;
  const segment = request.path.split('/')[2] ?? '';
  const params = request.req.params as Record<string, string | undefined>;
  const body: unknown = request.req.body;
  const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? Object.keys(body) : [];
  try {
    await recordAuditNow(services.orm.em.fork(), {
      companyId: principal.companyId,
      actor: actorOf(principal),
      action: 'access.refused',
      target: {
        type: targetTypes[segment] ?? segment,
        ...((params.code ?? params.id) ? { code: params.code ?? params.id } : {}),
      },
      outcome: 'refused',
      reason: error.code,
      details: {
        operation: `${request.req.method} ${request.path}`,
        ...(fields.length > 0 ? { fields } : {}),
        ...(error.field ? { field: error.field } : {}),
      },
    });
  } catch (recordError) {
    services.logger.error({ err: recordError }, 'the refusal could not be recorded in the audit trail');
  }
}
