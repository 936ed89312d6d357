import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Account } from './account.entity';
import { BaseEntity } from './base.entity';
import { Company } from './company.entity';
import { Department } from './department.entity';

export const reorganisationStatuses = ['pending', 'applied', 'cancelled'] as const;
export type ReorganisationStatus = (typeof reorganisationStatuses)[number];

export const reorganisationChangeKinds = ['create', 'rename', 'move', 'close'] as const;
export type ReorganisationChangeKind = (typeof reorganisationChangeKinds)[number];

/**
 * 組織変更データ: changes to the HR organisation chart effective from `effectiveDate` (a calendar date in
 * the company's time zone), applied on that date by the workflow `reorganisation-<company>-<id>`.
 */
@Entity()
@Index({ properties: ['company', 'status'] })
export class Reorganisation extends BaseEntity {
  @ManyToOne({ entity: () => Company, ref: true, deleteRule: 'cascade' })
  company: Ref<Company>;

  /** YYYY-MM-DD, in the company's time zone. */
  @Property({ type: 'date' })
  effectiveDate: string;

  @Property({ type: 'string', length: 100, nullable: true })
  note?: string;

  @Enum({ items: () => reorganisationStatuses })
  status: ReorganisationStatus = 'pending';

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  appliedAt?: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  cancelledAt?: Date;

  @ManyToOne({ entity: () => Account, ref: true, nullable: true, deleteRule: 'set null' })
  requestedBy?: Ref<Account>;

  constructor(company: Ref<Company>, effectiveDate: string) {
    super();
    this.company = company;
    this.effectiveDate = effectiveDate;
  }
}

/**
 * One change of a reorganisation. A new department exists from the date (its `validFrom`) and a closed one
 * until the day before (its `validTo`), both set when the reorganisation is registered; a rename or a move
 * changes the department on the date, keeping what it replaced (`previous…`) so that earlier dates still
 * show the old name and place.
 */
@Entity()
export class ReorganisationChange extends BaseEntity {
  @ManyToOne({ entity: () => Reorganisation, ref: true, deleteRule: 'cascade' })
  @Index()
  reorganisation: Ref<Reorganisation>;

  @Property({ type: 'integer' })
  position: number;

  @Enum({ items: () => reorganisationChangeKinds })
  kind: ReorganisationChangeKind;

  @ManyToOne({ entity: () => Department, ref: true, deleteRule: 'cascade' })
  @Index()
  department: Ref<Department>;

  @Property({ type: 'string', length: 30, nullable: true })
  name?: string;

  @ManyToOne({ entity: () => Department, ref: true, nullable: true, deleteRule: 'cascade' })
  parent?: Ref<Department>;

  @Property({ type: 'string', length: 30, nullable: true })
  previousName?: string;

  @ManyToOne({ entity: () => Department, ref: true, nullable: true, deleteRule: 'cascade' })
  previousParent?: Ref<Department>;

  constructor(init: {
    reorganisation: Ref<Reorganisation>;
    position: number;
    kind: ReorganisationChangeKind;
    department: Ref<Department>;
    name?: string;
    parent?: Ref<Department>;
  }) {
    super();
    this.reorganisation = init.reorganisation;
    this.position = init.position;
    this.kind = init.kind;
    this.department = init.department;
    this.name = init.name;
    this.parent = init.parent;
  }
}
