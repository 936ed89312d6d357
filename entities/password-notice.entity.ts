import { Entity, Index, ManyToOne, OneToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { Account } from './account.entity';
import { BaseEntity } from './base.entity';
import { Company } from './company.entity';
import { Issuance } from './issuance.entity';

/**
 * A パスワード通知書 waiting to be downloaded once. The PDF exists only sealed (AES-GCM with the service key,
 * bound to this row's id) and only until its one download, its expiry, or a later issuance for the account.
 */
@Entity()
@Index({ properties: ['account', 'fetchedAt'] })
export class PasswordNotice extends BaseEntity {
  @ManyToOne({ entity: () => Company, ref: true, deleteRule: 'cascade' })
  company: Ref<Company>;

  /** The employee of a single notice; null for a bulk notice, whose employees are its items. */
  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade', nullable: true })
  account?: Ref<Account>;

  /** The issuance of a single notice; one notice per issuance, which makes the issuing activity idempotent. */
  @OneToOne({ entity: () => Issuance, ref: true, deleteRule: 'cascade', owner: true, unique: true, nullable: true })
  issuance?: Ref<Issuance>;

  /** The administrator who asked for it; a bulk run's activities act with this account's current role. */
  @ManyToOne({ entity: () => Account, ref: true, nullable: true, deleteRule: 'set null' })
  requestedBy?: Ref<Account>;

  /** Number of employees (pages) of a bulk notice; null for a single notice. */
  @Property({ type: 'integer', nullable: true })
  bulkTotal?: number;

  /** Keyed hash of the one-time download token; the token itself is only in the admin's download link. */
  @Property({ type: 'string', length: 64, unique: true, hidden: true })
  downloadTokenHash: string;

  /** The PDF (base64), sealed; null before it is rendered and after it is fetched, expired or superseded. */
  @Property({ type: 'text', nullable: true, hidden: true, lazy: true })
  sealedContent?: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  renderedAt?: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  fetchedAt?: Date;

  /**
   * The selected employees a bulk notice left out and why (`ExclusionReason`), in the order of the
   * selection, for its results file; null for a single notice.
   */
  @Property({ type: 'json', nullable: true })
  excluded?: { accountId: string; reason: string }[];

  /** A later issuance for the account ended this notice before it was fetched. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  supersededAt?: Date;

  constructor(init: {
    company: Ref<Company>;
    account?: Ref<Account>;
    issuance?: Ref<Issuance>;
    bulkTotal?: number;
    requestedBy?: Ref<Account>;
    downloadTokenHash: string;
    expiresAt: Date;
  }) {
    super();
    this.company = init.company;
    this.account = init.account;
    this.issuance = init.issuance;
    this.bulkTotal = init.bulkTotal;
    this.requestedBy = init.requestedBy;
    this.downloadTokenHash = init.downloadTokenHash;
    this.expiresAt = init.expiresAt;
  }
}

/**
 * One employee of a bulk notice (●PDF且つ一括発行). Between its chunk and the assembly of the PDF it keeps
 * the new password sealed (bound to this row's id), so a retried assembly prints the same passwords;
 * the assembly deletes them in the transaction that stores the sealed PDF.
 */
@Entity()
@Unique({ properties: ['notice', 'position'] })
export class PasswordNoticeItem extends BaseEntity {
  @ManyToOne({ entity: () => PasswordNotice, ref: true, deleteRule: 'cascade' })
  notice: Ref<PasswordNotice>;

  /** 0, 1, 2… in account-code order: the page order of the PDF and the chunking of the run. */
  @Property({ type: 'integer' })
  position: number;

  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  @Index()
  account: Ref<Account>;

  /** The issuance recorded when this employee's password was set. */
  @ManyToOne({ entity: () => Issuance, ref: true, deleteRule: 'set null', nullable: true })
  issuance?: Ref<Issuance>;

  @Property({ type: 'text', nullable: true, hidden: true, lazy: true })
  sealedPassword?: string;

  /** Why a chunk left this employee out (ALREADY_ISSUED, ACCOUNT_DISABLED, NOT_PERMITTED): no page, no password. */
  @Property({ type: 'string', length: 500, nullable: true })
  skipReason?: string;

  constructor(init: { notice: Ref<PasswordNotice>; position: number; account: Ref<Account> }) {
    super();
    this.notice = init.notice;
    this.position = init.position;
    this.account = init.account;
  }
}
