import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One event of a company's audit trail (issue 21): who did what to whom, when, from where, and how it ended.
 * Append-only and hash-chained per company by the database itself (triggers of Migration20261220100000): `seq`,
 * `prevHash` and `rowHash` are set on insert, and no row is ever updated; only retention pruning deletes.
 * Written by domain/audit/audit-trail.ts in the transaction of the change it records, never through the ORM.
 */
@Entity({ tableName: 'audit_event' })
@Index({ properties: ['companyId', 'occurredAt'] })
@Index({ properties: ['companyId', 'targetId'] })
@Index({ properties: ['companyId', 'actorAccountId'] })
export class AuditEvent {
  @PrimaryKey({ type: 'uuid' })
  companyId!: string;

  /** The event's place in its company's chain: 1, 2, … without gaps (the first after pruning follows the anchor). */
  @PrimaryKey({ type: 'bigint' })
  seq!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'clock_timestamp()' })
  occurredAt!: Date;

  /** `account`, `scim-token`, `system` (a transfer applied, a lock by failures, housekeeping) or `anonymous`. */
  @Property({ type: 'string', length: 20 })
  actorKind!: string;

  @Property({ type: 'uuid', nullable: true })
  actorAccountId?: string;

  /** The account's code, the SCIM token's name or the system actor's name. */
  @Property({ type: 'string', length: 100, nullable: true })
  actorCode?: string;

  @Property({ type: 'string', length: 20, nullable: true })
  actorRole?: string;

  @Property({ type: 'string', length: 200, nullable: true })
  actorName?: string;

  @Property({ type: 'string', length: 128, nullable: true })
  requestId?: string;

  @Property({ type: 'string', length: 64, nullable: true })
  clientAddress?: string;

  @Property({ type: 'string', length: 32, nullable: true })
  traceId?: string;

  /** A stable code (`account.update`, `login.failed`, …): docs/audit.md lists them with their texts. */
  @Property({ type: 'string', length: 64 })
  action!: string;

  @Property({ type: 'string', length: 32 })
  targetType!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  targetId?: string;

  @Property({ type: 'string', length: 100, nullable: true })
  targetCode?: string;

  @Property({ type: 'string', length: 200, nullable: true })
  targetName?: string;

  /** `[{field, before, after}]`; a secret field's values are only `{changed: true}`. */
  @Property({ type: 'json', default: "'[]'" })
  changes!: unknown[];

  @Property({ type: 'json', nullable: true })
  details?: Record<string, unknown>;

  /** `succeeded`, `refused` or `failed`. */
  @Property({ type: 'string', length: 16 })
  outcome!: string;

  @Property({ type: 'string', length: 100, nullable: true })
  reason?: string;

  @Property({ type: 'string', length: 64 })
  prevHash!: string;

  @Property({ type: 'string', length: 64 })
  rowHash!: string;
}

/**
 * The head of a company's chain (its last `seq` and hash, locked by every append, so one company's appends are
 * serialised) and its anchor: the last pruned row, which the first remaining row must follow.
 */
@Entity({ tableName: 'audit_chain' })
export class AuditChain {
  @PrimaryKey({ type: 'uuid' })
  companyId!: string;

  @Property({ type: 'bigint', default: 0 })
  lastSeq!: string;

  @Property({ type: 'string', length: 64, default: '' })
  lastHash!: string;

  @Property({ type: 'bigint', default: 0 })
  anchorSeq!: string;

  @Property({ type: 'string', length: 64, default: '' })
  anchorHash!: string;
}
