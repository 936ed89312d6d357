import { Entity, Enum, ManyToOne, OneToOne, Property, type Ref } from '@mikro-orm/core';
import { Account, accountTypes, type AccountType } from './account.entity';
import { BaseEntity } from './base.entity';
import { Company } from './company.entity';
import { Role } from './role.entity';

/**
 * A SCIM bearer token of a company (Entra ID's or Okta's provisioning connection). Only its keyed hash is
 * stored; it acts with its provisioning role, never above the role of the administrator who made it.
 */
@Entity()
export class ScimToken extends BaseEntity {
  @ManyToOne({ entity: () => Company, ref: true, deleteRule: 'cascade' })
  company: Ref<Company>;

  @Property({ type: 'string', length: 100 })
  name: string;

  @Property({ type: 'string', length: 64, unique: true })
  tokenHash: string;

  /** The provisioning role: what the token may do, asked of the one policy like a session's role. */
  @ManyToOne({ entity: () => Role, ref: true, deleteRule: 'cascade' })
  role: Ref<Role>;

  /** The administrator who made it; the token's changes are made in that account's name. */
  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  createdBy: Ref<Account>;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastUsedAt?: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt?: Date;

  constructor(init: {
    company: Ref<Company>;
    name: string;
    tokenHash: string;
    role: Ref<Role>;
    createdBy: Ref<Account>;
  }) {
    super();
    this.company = init.company;
    this.name = init.name;
    this.tokenHash = init.tokenHash;
    this.role = init.role;
    this.createdBy = init.createdBy;
  }
}

/**
 * What an account made by SCIM needs and SCIM does not carry (type, role, departments, rank), set per company
 * by an administrator, and whether a new account's issuance starts at once.
 */
@Entity()
export class ScimProvisioning extends BaseEntity {
  @OneToOne({ entity: () => Company, ref: true, owner: true, deleteRule: 'cascade', unique: true })
  company: Ref<Company>;

  @Enum({ items: () => accountTypes })
  type: AccountType = 'own';

  @Property({ type: 'string', length: 20 })
  roleCode: string = 'employee';

  /** 所属部門 when the user carries no department (or one the company does not know). */
  @Property({ type: 'string', length: 10 })
  departmentCode: string = '0';

  @Property({ type: 'string', length: 10 })
  controlDepartmentCode: string = '0';

  @Property({ type: 'string', length: 11 })
  reportingControlDepartmentCode: string = '0';

  /** 社員ランク of a new own account, from the month it is made (needed when the company has ranks). */
  @Property({ type: 'string', length: 10, nullable: true })
  rankCode?: string;

  /** Start the issuance of a new account on the company's channel at once (a durable workflow). */
  @Property({ type: 'boolean' })
  issueOnCreate: boolean = false;

  constructor(company: Ref<Company>) {
    super();
    this.company = company;
  }
}

/** The SCIM side of an account: the client's externalId, and whether the client deleted it (a used account stays, disabled). */
@Entity()
export class ScimAccount extends BaseEntity {
  @OneToOne({ entity: () => Account, ref: true, owner: true, deleteRule: 'cascade', unique: true })
  account: Ref<Account>;

  @Property({ type: 'string', length: 255, nullable: true })
  externalId?: string;

  /**
   * The directory's name.familyName and name.givenName as sent: 姓 and 名 hold at most 10 characters, so an account
   * keeps their first 10 and SCIM answers the whole name while the account's still begins with it.
   */
  @Property({ type: 'string', length: 100, nullable: true })
  familyName?: string;

  @Property({ type: 'string', length: 100, nullable: true })
  givenName?: string;

  /** The directory's emails (types, primary) while the account's addresses are still theirs. */
  @Property({ type: 'json', nullable: true })
  emails?: { value: string; type?: string; primary?: boolean }[];

  /** The enterprise employeeNumber under automatic numbering (with manual numbering it is the account code). */
  @Property({ type: 'string', length: 100, nullable: true })
  employeeNumber?: string;

  /** The enterprise department as sent, and the 所属部門 the account had after it: answered while that still holds. */
  @Property({ type: 'string', length: 100, nullable: true })
  department?: string;

  @Property({ type: 'uuid', nullable: true })
  syncedDepartmentId?: string;

  /** DELETE of an account in use: it is disabled, and the SCIM client no longer sees it. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  deprovisionedAt?: Date;

  constructor(account: Ref<Account>) {
    super();
    this.account = account;
  }
}
