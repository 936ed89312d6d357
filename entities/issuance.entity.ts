import { Entity, Enum, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import type { IssuanceKind } from '../contract';
import { Account, type EmailSlot } from './account.entity';
import { BaseEntity } from './base.entity';
import { Company, type IssuanceChannel } from './company.entity';

export const issuanceKinds = ['initial', 'reissue-verify', 'reissue-direct'] as const satisfies readonly IssuanceKind[];

export const issuanceStatuses = [
  /** Created; the verification request mail is on its way. */
  'sending',
  /** Verification request mail sent; waiting for the employee to confirm. */
  'pending',
  /** The employee confirmed; credentials are being issued. */
  'verified',
  /** Credentials mail sent. */
  'issued',
  /** The validity period ended before the employee confirmed. */
  'expired',
  /** A later issuance for the same account replaced this one. */
  'superseded',
  /** Gave up: the reason is in `failureReason`. */
  'failed',
] as const;
export type IssuanceStatus = (typeof issuanceStatuses)[number];

/** Statuses in which an issuance may still send mail or accept a confirmation. */
export const openIssuanceStatuses: readonly IssuanceStatus[] = ['sending', 'pending', 'verified'];

/** One attempt to get a password to an employee: the history an admin reads, and the state the activities keep. */
@Entity()
@Unique({ properties: ['account', 'sequence'] })
@Index({ properties: ['account', 'status'] })
/** The open issuances by status and channel (the `issuances_open` gauge, counted at every scrape). */
@Index({ properties: ['status', 'channel'] })
/** The links waiting for a click, by the end of their validity: what the lapsed-link sweep reads every minute. */
@Index({
  name: 'issuance_pending_expires_at_index',
  expression: `create index "issuance_pending_expires_at_index" on "issuance" ("expires_at") where "status" = 'pending'`,
})
export class Issuance extends BaseEntity {
  @ManyToOne({ entity: () => Company, ref: true, deleteRule: 'cascade' })
  company: Ref<Company>;

  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  account: Ref<Account>;

  /** 1, 2, 3… per account; part of the workflow id. */
  @Property({ type: 'integer' })
  sequence: number;

  @Enum({ items: () => issuanceKinds })
  kind: IssuanceKind;

  @Property({ type: 'string', length: 10 })
  channel: IssuanceChannel = 'email';

  @Property({ type: 'smallint' })
  emailSlot: EmailSlot;

  /** The address as it was when the issuance started. */
  @Property({ type: 'string', length: 100 })
  emailAddress: string;

  @Enum({ items: () => issuanceStatuses })
  status: IssuanceStatus = 'sending';

  @Property({ type: 'string', length: 200 })
  workflowId: string;

  @ManyToOne({ entity: () => Account, ref: true, nullable: true, deleteRule: 'set null' })
  requestedBy?: Ref<Account>;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  verificationSentAt?: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  expiresAt?: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  verifiedAt?: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  issuedAt?: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  endedAt?: Date;

  @Property({ type: 'string', length: 500, nullable: true })
  failureReason?: string;

  /**
   * While its mail fails temporarily: `SMTP 451` (the server's reply code) or `UNREACHABLE` (no server
   * answered), and since when; read only while the issuance is `sending` (bulk run progress).
   */
  @Property({ type: 'string', length: 40, nullable: true })
  deliveryProblem?: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  deliveryProblemSince?: Date;

  /** Keyed hash of the verification token; the token itself exists only in the mail. */
  @Property({ type: 'string', length: 64, nullable: true, unique: true, hidden: true })
  tokenHash?: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  tokenConsumedAt?: Date;

  /** The token, encrypted, kept only until its mail is sent so that a retry sends the same link. */
  @Property({ type: 'text', nullable: true, hidden: true, lazy: true })
  sealedToken?: string;

  /** The new password, encrypted, kept only until its mail is sent so that a retry sends the same password. */
  @Property({ type: 'text', nullable: true, hidden: true, lazy: true })
  sealedPassword?: string;

  @Property({ type: 'string', length: 255, nullable: true })
  verificationMessageId?: string;

  @Property({ type: 'string', length: 255, nullable: true })
  credentialsMessageId?: string;

  constructor(init: {
    company: Ref<Company>;
    account: Ref<Account>;
    sequence: number;
    kind: IssuanceKind;
    emailSlot: EmailSlot;
    emailAddress: string;
    workflowId: string;
    requestedBy?: Ref<Account>;
  }) {
    super();
    this.company = init.company;
    this.account = init.account;
    this.sequence = init.sequence;
    this.kind = init.kind;
    this.emailSlot = init.emailSlot;
    this.emailAddress = init.emailAddress;
    this.workflowId = init.workflowId;
    this.requestedBy = init.requestedBy;
  }
}
