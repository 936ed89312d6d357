import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SecretBox } from '../lib/secret-box';
import { ConflictError, InputError, UnprocessableError } from './errors';

/** How long a key holds its first answer. */
export const idempotencyKeyLifetimeMs = 24 * 60 * 60 * 1000;

const validKey = /^[\x21-\x7e]{1,255}$/;

export interface IdempotencyScope {
  companyId: string;
  accountId: string;
}

export type IdempotencyClaim = { kind: 'claimed'; keyHash: string } | { kind: 'replay'; status: number; body: unknown };

/** sha256 of what makes two requests the same request: method, route and the parsed input. */
export function requestFingerprint(request: { method: string; route: string; input: unknown }): string {
  return createHash('sha256')
    .update(JSON.stringify([request.method.toUpperCase(), request.route, request.input]))
    .digest('hex');
}

/**
 * Takes `key` for this request, or answers what the first request with it answered. One row per key and
 * scope (company + account, as a keyed hash): the INSERT decides which of two concurrent requests wins; the
 * other gets 409 IDEMPOTENCY_KEY_IN_USE until the first has answered. The same key with another request is 422.
 */
export async function claimIdempotencyKey(
  em: EntityManager,
  secretBox: SecretBox,
  scope: IdempotencyScope,
  request: { key: string; fingerprint: string; now: Date },
): Promise<IdempotencyClaim> {
  if (!validKey.test(request.key)) {
    throw new InputError(
      'INVALID_IDEMPOTENCY_KEY',
      'Idempotency-Key: 1 to 255 visible ASCII characters.',
      'Idempotency-Key',
    );
  }
  const keyHash = secretBox.hashToken(`${scope.companyId}:${scope.accountId}:${request.key}`);
  const connection = em.getConnection();
  const expiredBefore = new Date(request.now.getTime() - idempotencyKeyLifetimeMs);
  await connection.execute(`delete from idempotency_key where key_hash = ? and created_at < ?`, [
    keyHash,
    expiredBefore,
  ]);
  const inserted = await connection.execute<unknown[]>(
    `insert into idempotency_key (key_hash, company_id, account_id, fingerprint, created_at) values (?, ?, ?, ?, ?)
     on conflict (key_hash) do nothing returning 1`,
    [keyHash, scope.companyId, scope.accountId, request.fingerprint, request.now],
  );
  if (inserted.length > 0) return { kind: 'claimed', keyHash };

  const [first] = await connection.execute<
    { fingerprint: string; status: number | null; sealed_answer: string | null }[]
  >(`select fingerprint, status, sealed_answer from idempotency_key where key_hash = ?`, [keyHash]);
  if (!first) throw new ConflictError('IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is under way.');
  if (first.fingerprint !== request.fingerprint) {
    throw new UnprocessableError(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was used for another request; use a new key for a new request.',
      'Idempotency-Key',
    );
  }
  if (first.status === null) {
    throw new ConflictError('IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is under way.');
  }
  const body =
    first.sealed_answer === null ? undefined : (JSON.parse(secretBox.open(first.sealed_answer, keyHash)) as unknown);
  return { kind: 'replay', status: first.status, body };
}

/**
 * Keeps the first answer for retries. The whole answer is sealed with the service key rather than picked
 * apart: a PDF answer's download link is a one-time secret and the others name employees and addresses,
 * so nothing of it is readable from the table alone, and a retry gets exactly the first answer back.
 */
export async function recordIdempotentAnswer(
  em: EntityManager,
  secretBox: SecretBox,
  keyHash: string,
  answer: { status: number; body: unknown },
): Promise<void> {
  const sealed = answer.body === undefined ? null : secretBox.seal(JSON.stringify(answer.body), keyHash);
  await em
    .getConnection()
    .execute(`update idempotency_key set status = ?, sealed_answer = ? where key_hash = ?`, [
      answer.status,
      sealed,
      keyHash,
    ]);
}

/** The request failed without an answer to keep (refused, 503): the key is free for the retry. */
export async function releaseIdempotencyKey(em: EntityManager, keyHash: string): Promise<void> {
  await em.getConnection().execute(`delete from idempotency_key where key_hash = ? and status is null`, [keyHash]);
}
