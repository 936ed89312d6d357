import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Account } from './account.entity';
import { BaseEntity } from './base.entity';
import { Company } from './company.entity';
import { Department, ReportingDepartment } from './department.entity';
import { Reorganisation } from './reorganisation.entity';
import { Role } from './role.entity';

export const transferStatuses = ['pending', 'applied', 'cancelled'] as const;
export type TransferStatus = (typeof transferStatuses)[number];

/**
 * 異動: a new assignment from `effectiveDate` (a calendar date in the company's time zone). At most one
 * is pending per account (partial unique index); applied and cancelled ones stay as history.
 */
@Entity()
@Index({
  name: 'transfer_one_pending_per_account',
  expression: `create unique index "transfer_one_pending_per_account" on "transfer" ("account_id") where "status" = 'pending'`,
})
export class Transfer extends BaseEntity {
  @ManyToOne({ entity: () => Company, ref: true, deleteRule: 'cascade' })
  company: Ref<Company>;

  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  @Index()
  account: Ref<Account>;

  /** YYYY-MM-DD, in the company's time zone. */
  @Property({ type: 'date' })
  effectiveDate: string;

  @ManyToOne({ entity: () => Department, ref: true, deleteRule: 'restrict' })
  department: Ref<Department>;

  @ManyToOne({ entity: () => Department, ref: true, deleteRule: 'restrict' })
  controlDepartment: Ref<Department>;

  @ManyToOne({ entity: () => ReportingDepartment, ref: true, deleteRule: 'restrict' })
  reportingControlDepartment: Ref<ReportingDepartment>;

  @ManyToOne({ entity: () => Role, ref: true, deleteRule: 'restrict' })
  role: Ref<Role>;

  @Enum({ items: () => transferStatuses })
  status: TransferStatus = 'pending';

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  appliedAt?: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  cancelledAt?: Date;

  @ManyToOne({ entity: () => Account, ref: true, nullable: true, deleteRule: 'set null' })
  requestedBy?: Ref<Account>;

  /** The reorganisation (組織変更データ) that entered this transfer as one of its account moves, if any. */
  @ManyToOne({ entity: () => Reorganisation, ref: true, nullable: true, deleteRule: 'set null' })
  @Index()
  reorganisation?: Ref<Reorganisation>;

  constructor(init: {
    company: Ref<Company>;
    account: Ref<Account>;
    effectiveDate: string;
    department: Ref<Department>;
    controlDepartment: Ref<Department>;
    reportingControlDepartment: Ref<ReportingDepartment>;
    role: Ref<Role>;
    requestedBy?: Ref<Account>;
    reorganisation?: Ref<Reorganisation>;
  }) {
    super();
    this.company = init.company;
    this.account = init.account;
    this.effectiveDate = init.effectiveDate;
    this.department = init.department;
    this.controlDepartment = init.controlDepartment;
    this.reportingControlDepartment = init.reportingControlDepartment;
    this.role = init.role;
    this.requestedBy = init.requestedBy;
    this.reorganisation = init.reorganisation;
  }
}

export const assignmentSources = ['registration', 'edit', 'transfer'] as const;
export type AssignmentSource = (typeof assignmentSources)[number];

/** Every assignment an account has had, from its effective date: the 履歴 of departments and roles. */
@Entity()
export class AssignmentHistory extends BaseEntity {
  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  @Index()
  account: Ref<Account>;

  @Property({ type: 'date' })
  effectiveDate: string;

  @ManyToOne({ entity: () => Department, ref: true, deleteRule: 'restrict' })
  department: Ref<Department>;

  @ManyToOne({ entity: () => Department, ref: true, deleteRule: 'restrict' })
  controlDepartment: Ref<Department>;

  @ManyToOne({ entity: () => ReportingDepartment, ref: true, deleteRule: 'restrict' })
  reportingControlDepartment: Ref<ReportingDepartment>;

  @ManyToOne({ entity: () => Role, ref: true, deleteRule: 'restrict' })
  role: Ref<Role>;

  @Enum({ items: () => assignmentSources })
  source: AssignmentSource;

  constructor(init: Omit<AssignmentHistory, keyof BaseEntity>) {
    super();
    this.account = init.account;
    this.effectiveDate = init.effectiveDate;
    this.department = init.department;
    this.controlDepartment = init.controlDepartment;
    this.reportingControlDepartment = init.reportingControlDepartment;
    this.role = init.role;
    this.source = init.source;
  }
}
