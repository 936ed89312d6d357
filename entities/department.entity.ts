import { Entity, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import type { Account } from './account.entity';
import { BaseEntity } from './base.entity';
import { Company } from './company.entity';

/** The code of the root of each organisation chart: 全社, the whole company. */
export const wholeCompanyCode = '0';

/** A department of the HR organisation chart (部門). `parent` is empty only for the root `0` (全社). */
@Entity()
@Unique({ properties: ['company', 'code'] })
export class Department extends BaseEntity {
  @ManyToOne({ entity: () => Company, ref: true, deleteRule: 'cascade' })
  company: Ref<Company>;

  @Property({ type: 'string', length: 10 })
  code: string;

  @Property({ type: 'string', length: 30 })
  name: string;

  /** Indexed: 部門配下 walks the tree down from a department (Migration20261222100000). */
  @ManyToOne({ entity: () => Department, ref: true, nullable: true, deleteRule: 'restrict' })
  @Index()
  parent?: Ref<Department>;

  /** 部門マスタの承認者: an account in this role cannot be deleted. */
  @ManyToOne({ entity: 'Account', ref: true, nullable: true, deleteRule: 'restrict' })
  approver?: Ref<Account>;

  @Property({ type: 'integer' })
  sortOrder: number = 0;

  /** First day the department exists (YYYY-MM-DD in the company's time zone); none: since always. */
  @Property({ type: 'date', nullable: true })
  validFrom?: string;

  /** Last day the department exists (組織変更 closing it); none: open-ended. */
  @Property({ type: 'date', nullable: true })
  validTo?: string;

  constructor(company: Ref<Company>, code: string, name: string, parent?: Ref<Department>) {
    super();
    this.company = company;
    this.code = code;
    this.name = name;
    this.parent = parent;
  }
}

/** A unit of the separate reporting organisation chart (集計用組織図), used by reporting control departments. */
@Entity()
@Unique({ properties: ['company', 'code'] })
export class ReportingDepartment extends BaseEntity {
  @ManyToOne({ entity: () => Company, ref: true, deleteRule: 'cascade' })
  company: Ref<Company>;

  @Property({ type: 'string', length: 11 })
  code: string;

  @Property({ type: 'string', length: 30 })
  name: string;

  @ManyToOne({ entity: () => ReportingDepartment, ref: true, nullable: true, deleteRule: 'restrict' })
  parent?: Ref<ReportingDepartment>;

  @Property({ type: 'integer' })
  sortOrder: number = 0;

  constructor(company: Ref<Company>, code: string, name: string, parent?: Ref<ReportingDepartment>) {
    super();
    this.company = company;
    this.code = code;
    this.name = name;
    this.parent = parent;
  }
}
