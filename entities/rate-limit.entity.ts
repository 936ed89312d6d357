import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A rate-limit counter, written by rate-limiter-flexible (api/rate-limits.ts) in the shape it expects,
 * shared by every API process. Declared here so the migrations and the schema check know the table.
 */
@Entity({ tableName: 'rate_limit' })
export class RateLimitCounter {
  @PrimaryKey({ type: 'string', length: 255 })
  key: string;

  @Property({ type: 'integer', default: 0 })
  points: number = 0;

  /** Milliseconds since the epoch when the counter ends. */
  @Property({ type: 'bigint', nullable: true })
  expire?: string;

  constructor(key: string) {
    this.key = key;
  }
}
