import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Principal } from '../domain/access/principal';
import {
  claimIdempotencyKey,
  recordIdempotentAnswer,
  releaseIdempotencyKey,
  requestFingerprint,
} from '../domain/idempotency';
import type { RouteResult } from './route';
import type { ApiServices } from './services';

export const idempotencyKeyHeader = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .meta({
      description:
        'Makes a retry safe: the same key with the same request within 24 h answers the first answer ' +
        '(`Idempotent-Replayed: true`) and starts nothing; with another request 422 IDEMPOTENCY_KEY_REUSED; while ' +
        'the first is under way 409 IDEMPOTENCY_KEY_IN_USE. Scoped to the calling account.',
    }),
});

/**
 * Runs `handler` once per `Idempotency-Key` (when the request has one): the first request claims the key and
 * keeps its 2xx answer; a retry gets that answer back. A request that ends in an error keeps nothing, so
 * the key can be retried (a 503 started nothing).
 */
export async function answerOnce(
  context: { req: Request; res: Response; em: EntityManager; services: ApiServices; auth: Principal },
  request: { route: string; input: unknown },
  handler: () => Promise<RouteResult>,
): Promise<RouteResult> {
  const key = context.req.get('Idempotency-Key');
  if (key === undefined) return handler();
  const { services, auth } = context;
  const em = context.em.fork();
  const claim = await claimIdempotencyKey(
    em,
    services.secretBox,
    { companyId: auth.companyId, accountId: auth.accountId },
    {
      key,
      fingerprint: requestFingerprint({ method: context.req.method, ...request }),
      now: services.clock?.() ?? new Date(),
    },
  );
  if (claim.kind === 'replay') {
    context.res.set('Idempotent-Replayed', 'true');
    return { status: claim.status, body: claim.body };
  }
  let result: RouteResult;
  try {
    result = await handler();
  } catch (error) {
    await releaseIdempotencyKey(em, claim.keyHash);
    throw error;
  }
  await recordIdempotentAnswer(em, services.secretBox, claim.keyHash, { status: result.status, body: result.body });
  return result;
}
