import { Entity, Enum, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { Account, type EmailSlot } from './account.entity';
import { BaseEntity } from './base.entity';
import { Company } from './company.entity';
import { Issuance } from './issuance.entity';

/**
 * One bulk e-mail issuance (●メール且つ一括送信). The selection is stored here rather than in the workflow
 * history, which only carries a cursor over the items' positions.
 */
@Entity()
export class BulkRun extends BaseEntity {
  @ManyToOne({ entity: () => Company, ref: true, deleteRule: 'cascade' })
  company: Ref<Company>;

  @ManyToOne({ entity: () => Account, ref: true, nullable: true, deleteRule: 'set null' })
  requestedBy?: Ref<Account>;

  /** Whether the admin who started the run may reissue (user administrator); decided at the start. */
  @Property({ type: 'boolean' })
  mayReissue: boolean;

  @Property({ type: 'integer' })
  total: number;

  @Property({ type: 'string', length: 200 })
  workflowId: string;

  /** Set when every verification mail of the run was sent (or failed). */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  finishedAt?: Date;

  /** Measured wall time per verification mail of this run; the preview's estimate averages recent runs. */
  @Property({ type: 'double', nullable: true })
  secondsPerMail?: number;

  constructor(init: {
    company: Ref<Company>;
    requestedBy?: Ref<Account>;
    mayReissue: boolean;
    total: number;
    workflowId: string;
  }) {
    super();
    this.company = init.company;
    this.requestedBy = init.requestedBy;
    this.mayReissue = init.mayReissue;
    this.total = init.total;
    this.workflowId = init.workflowId;
  }
}

export const bulkRunItemStatuses = ['queued', 'started', 'skipped'] as const;
export type BulkRunItemStatus = (typeof bulkRunItemStatuses)[number];

/** One selected employee of a bulk run: which address slot, and the issuance started for it. */
@Entity()
@Unique({ properties: ['run', 'position'] })
@Index({ properties: ['run', 'status'] })
/** The run an issuance belongs to (the click names it to the Temporal UI; deleting an issuance clears it). */
@Index({ properties: ['issuance'] })
export class BulkRunItem extends BaseEntity {
  @ManyToOne({ entity: () => BulkRun, ref: true, deleteRule: 'cascade' })
  run: Ref<BulkRun>;

  /** 1, 2, 3… in the order of the selection; the workflow's cursor. */
  @Property({ type: 'integer' })
  position: number;

  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  account: Ref<Account>;

  @Property({ type: 'smallint' })
  emailSlot: EmailSlot;

  @Enum({ items: () => bulkRunItemStatuses })
  status: BulkRunItemStatus = 'queued';

  @ManyToOne({ entity: () => Issuance, ref: true, nullable: true, deleteRule: 'set null' })
  issuance?: Ref<Issuance>;

  @Property({ type: 'string', length: 500, nullable: true })
  skipReason?: string;

  constructor(init: { run: Ref<BulkRun>; position: number; account: Ref<Account>; emailSlot: EmailSlot }) {
    super();
    this.run = init.run;
    this.position = init.position;
    this.account = init.account;
    this.emailSlot = init.emailSlot;
  }
}
