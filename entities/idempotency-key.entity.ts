import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The first answer to a POST that started work, under the caller's `Idempotency-Key`: a retry with the same
 * key and body gets it back instead of starting the work again. The key is stored only as a keyed hash of
 * company, account and key; the answer only sealed with the service key (it may carry a one-time link).
 */
@Entity({ tableName: 'idempotency_key' })
export class IdempotencyKey {
  @PrimaryKey({ type: 'string', length: 64 })
  keyHash: string;

  @Property({ type: 'uuid' })
  companyId: string;

  @Property({ type: 'uuid' })
  accountId: string;

  /** sha256 of the method, the route and the request (params, query, body). */
  @Property({ type: 'string', length: 64 })
  fingerprint: string;

  /** Null while the first request is still being answered. */
  @Property({ type: 'integer', nullable: true })
  status?: number | null;

  @Property({ type: 'text', nullable: true, lazy: true, hidden: true })
  sealedAnswer?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date;

  constructor(keyHash: string, companyId: string, accountId: string, fingerprint: string, createdAt: Date) {
    this.keyHash = keyHash;
    this.companyId = companyId;
    this.accountId = accountId;
    this.fingerprint = fingerprint;
    this.createdAt = createdAt;
  }
}
