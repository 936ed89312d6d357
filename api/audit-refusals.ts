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
  const segment = request.path.split('/')[2] ?? '';
  const params = request.req.params as Record<string, string | undefined>;
  const code = params.code ?? params.id;
  await recordRefused(services, request.res.locals.principal as Principal | undefined, error, {
    target: { type: targetTypes[segment] ?? segment, ...(code ? { code } : {}) },
    operation: `${request.req.method} ${request.path}`,
    body: request.req.body,
  });
}

/**
 * The same for the SCIM service provider, whose router answers its own errors: the principal is the SCIM token's
 * (actor kind `scim-token`), the target the account of the SCIM id in the path, the operation the SCIM route.
 */
export async function recordScimRefusal(
  services: ApiServices,
  request: { req: Request; principal: Principal | undefined; basePath: string },
  error: unknown,
): Promise<void> {
  const { req } = request;
  const id = /^\/Users\/([^/]+)$/.exec(req.path)?.[1];
  await recordRefused(services, request.principal, error, {
    target: { type: 'account', ...(id && id !== '.search' ? { id: decodeURIComponent(id) } : {}) },
    operation: `${req.method} ${request.basePath}${id && id !== '.search' ? '/Users/:id' : req.path}`,
    body: req.body,
  });
}

async function recordRefused(
  services: ApiServices,
  principal: Principal | undefined,
  error: unknown,
  refused: { target: { type: string; id?: string; code?: string }; operation: string; body: unknown },
): Promise<void> {
  if (!principal || !(error instanceof ForbiddenError)) return;
  const { body } = refused;
  const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? Object.keys(body) : [];
  try {
    await recordAuditNow(services.orm.em.fork(), {
      companyId: principal.companyId,
      actor: actorOf(principal),
      action: 'access.refused',
      target: refused.target,
      outcome: 'refused',
      reason: error.code,
      details: {
        operation: refused.operation,
        ...(fields.length > 0 ? { fields } : {}),
        ...(error.field ? { field: error.field } : {}),
      },
    });
  } catch (recordError) {
    services.logger.error({ err: recordError }, 'the refusal could not be recorded in the audit trail');
  }
}
