import { Entity, Enum, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';
import { Company, type IssuanceChannel, type Locale, locales } from './company.entity';
import { Department, ReportingDepartment } from './department.entity';
import { Partner } from './partner.entity';
import { Role } from './role.entity';

export const accountTypes = ['own', 'contractor', 'customer'] as const;
export type AccountType = (typeof accountTypes)[number];

export const passwordStatuses = ['unissued', 'issuing', 'reissuing', 'issued', 'notice-expired'] as const;
export type PasswordStatus = (typeof passwordStatuses)[number];

export const authStatuses = ['none', 'pending', 'verified', 'expired'] as const;
export type AuthStatus = (typeof authStatuses)[number];

export const workStyles = ['general', 'flex'] as const;
export type WorkStyle = (typeof workStyles)[number];

export const inputMethods = ['daily', 'monthly'] as const;
export type InputMethod = (typeof inputMethods)[number];

/** The code of the system administrator every company starts with. */
export const systemAdministratorCode = 'Admin';

@Entity()
@Unique({ properties: ['company', 'code'] })
// Search indexes of the account list (migrations Migration20261121123000, Migration20261222100000): trigram and
// 1–2 character grams for partial matches on Japanese names and kana, each led by the company (btree_gin), code
// prefix, and the default and sort orders.
@Index({
  name: 'account_company_name_trgm_index',
  expression: `create index "account_company_name_trgm_index" on "account" using gin ("company_id", ("last_name" || "first_name") gin_trgm_ops)`,
})
@Index({
  name: 'account_company_name_grams_index',
  expression: `create index "account_company_name_grams_index" on "account" using gin ("company_id", account_search_grams(lower("last_name" || "first_name")))`,
})
@Index({
  name: 'account_company_kana_trgm_index',
  expression: `create index "account_company_kana_trgm_index" on "account" using gin ("company_id", (replace(normalize(coalesce("last_name_kana", '') || coalesce("first_name_kana", ''), NFKC), ' ', '')) gin_trgm_ops)`,
})
@Index({
  name: 'account_company_kana_grams_index',
  expression: `create index "account_company_kana_grams_index" on "account" using gin ("company_id", account_search_grams(replace(normalize(coalesce("last_name_kana", '') || coalesce("first_name_kana", ''), NFKC), ' ', '')))`,
})
@Index({
  name: 'account_code_prefix_index',
  expression: `create index "account_code_prefix_index" on "account" ("company_id", "code" varchar_pattern_ops)`,
})
@Index({
  name: 'account_listed_ids_index',
  expression: `create index "account_listed_ids_index" on "account" ("company_id", "code") include ("id") where not "disabled" and not "login_disabled"`,
})
@Index({
  name: 'account_department_sort_ids_index',
  expression: `create index "account_department_sort_ids_index" on "account" ("department_id", "code") include ("id", "company_id", "disabled", "login_disabled")`,
})
@Index({
  name: 'account_locked_index',
  expression: `create index "account_locked_index" on "account" ("company_id", "locked_at") where "locked_at" is not null`,
})
@Index({
  name: 'account_kana_sort_names_index',
  expression: `create index "account_kana_sort_names_index" on "account" ("company_id", "last_name_kana", "first_name_kana", "code") include ("id", "disabled", "login_disabled", "department_id", "last_name", "first_name")`,
})
@Index({
  name: 'account_last_login_sort_ids_index',
  expression: `create index "account_last_login_sort_ids_index" on "account" ("company_id", "last_login_at" desc nulls last, "code" desc) include ("id", "disabled", "login_disabled")`,
})
// Azure AD compares ids case-insensitively, so one id (in any case) signs in to one account of a company
// (migration Migration20261201100000).
@Unique({
  name: 'account_azure_ad_id_unique',
  expression: `create unique index "account_azure_ad_id_unique" on "account" ("company_id", lower("azure_ad_id")) where "azure_ad_id" is not null`,
})
export class Account extends BaseEntity {
  @ManyToOne({ entity: () => Company, ref: true, deleteRule: 'cascade' })
  company: Ref<Company>;

  /** Login id. */
  @Property({ type: 'string', length: 10 })
  code: string;

  @Enum({ items: () => accountTypes })
  type: AccountType;

  @Property({ type: 'string', length: 10 })
  lastName: string;

  @Property({ type: 'string', length: 10 })
  firstName: string;

  /** 委託先/顧客: only, and always, for contractor and customer accounts. */
  @ManyToOne({ entity: () => Partner, ref: true, nullable: true, deleteRule: 'restrict' })
  @Index()
  partner?: Ref<Partner>;

  @Property({ type: 'string', length: 10, nullable: true })
  lastNameKana?: string;

  @Property({ type: 'string', length: 10, nullable: true })
  firstNameKana?: string;

  /** 氏名略名, at most 6 characters. */
  @Property({ type: 'string', length: 6, nullable: true })
  shortName?: string;

  @Property({ type: 'string', length: 100, nullable: true })
  email1?: string;

  @Property({ type: 'string', length: 100, nullable: true })
  email2?: string;

  @Property({ type: 'string', length: 100, nullable: true })
  email3?: string;

  @Enum({ items: () => locales, nullable: true })
  locale?: Locale;

  /** Current assignment: from `effectiveDate` (YYYY-MM-DD, company time zone) these hold. */
  @Property({ type: 'date' })
  effectiveDate: string;

  @ManyToOne({ entity: () => Department, ref: true, deleteRule: 'restrict' })
  @Index()
  department: Ref<Department>;

  /** The subtree this account may see; the root `0` (全社) is everything. */
  @ManyToOne({ entity: () => Department, ref: true, deleteRule: 'restrict' })
  controlDepartment: Ref<Department>;

  @ManyToOne({ entity: () => ReportingDepartment, ref: true, deleteRule: 'restrict' })
  reportingControlDepartment: Ref<ReportingDepartment>;

  @ManyToOne({ entity: () => Role, ref: true, deleteRule: 'restrict' })
  @Index()
  role: Ref<Role>;

  @Property({ type: 'string', length: 255, nullable: true, hidden: true, lazy: true })
  passwordHash?: string;

  @Property({ type: 'boolean' })
  mustChangePassword: boolean = false;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  passwordChangedAt?: Date;

  @Enum({ items: () => passwordStatuses })
  passwordStatus: PasswordStatus = 'unissued';

  /** How the current password reached the employee: 発行済 (email) or PDF発行済 (pdf). */
  @Property({ type: 'string', length: 10, nullable: true })
  passwordIssuedVia?: IssuanceChannel;

  @Enum({ items: () => authStatuses })
  authStatus: AuthStatus = 'none';

  /** When the last verification request mail was sent (shown on hover next to 認証待ち). */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  authRequestedAt?: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastLoginAt?: Date;

  @Property({ type: 'boolean' })
  disabled: boolean = false;

  @Property({ type: 'boolean' })
  loginDisabled: boolean = false;

  /** Webスマートフォン専用 (only with the company's smartphone option). */
  @Property({ type: 'boolean' })
  smartphoneOnly: boolean = false;

  @Property({ type: 'string', length: 100, nullable: true })
  azureAdId?: string;

  /** Failed logins counted since `failedLoginWindowStartedAt`, within the company's window days. */
  @Property({ type: 'integer' })
  failedLoginCount: number = 0;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  failedLoginWindowStartedAt?: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastFailedLoginAt?: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lockedAt?: Date;

  /** Set for a temporary lock (accounts with administrator rights, domain/access/lockout.ts); null: for good. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lockedUntil?: Date;

  /** Temporary locks since the last successful login or unlock; each one lasts twice as long. */
  @Property({ type: 'integer' })
  temporaryLockouts: number = 0;

  /** 多要素認証: 使用する. */
  @Property({ type: 'boolean' })
  mfaEnabled: boolean = false;

  /** The TOTP secret, encrypted with the service key. */
  @Property({ type: 'text', nullable: true, hidden: true, lazy: true })
  mfaSecret?: string;

  /** The TOTP time step of the last accepted code: a code of that step or an earlier one is refused (replay). */
  @Property({ type: 'integer', nullable: true, hidden: true })
  mfaLastTimeStep?: number;

  /** Set once the employee has confirmed a code: 設定済; empty means 未設定. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  mfaConfiguredAt?: Date;

  /** 工数・勤怠一致対象: when on, both skip flags are forced off. */
  @Property({ type: 'boolean' })
  effortAttendanceMatching: boolean = false;

  /** 勤務形態; never set for customers. */
  @Enum({ items: () => workStyles, nullable: true })
  workStyle?: WorkStyle;

  @Enum({ items: () => inputMethods })
  attendanceInputMethod: InputMethod = 'daily';

  @Property({ type: 'boolean' })
  attendanceInputSkip: boolean = false;

  @Enum({ items: () => inputMethods })
  effortInputMethod: InputMethod = 'daily';

  @Property({ type: 'boolean' })
  effortInputSkip: boolean = false;

  /** 裁量労働対象: own accounts only. */
  @Property({ type: 'boolean' })
  discretionaryLabour: boolean = false;

  /** 稼働率・生産性の計算対象外とする. */
  @Property({ type: 'boolean' })
  excludedFromUtilization: boolean = false;

  /** 備考, at most 100 characters. */
  @Property({ type: 'string', length: 100, nullable: true })
  note?: string;

  constructor(init: {
    company: Ref<Company>;
    code: string;
    type: AccountType;
    lastName: string;
    firstName: string;
    effectiveDate: string;
    department: Ref<Department>;
    controlDepartment: Ref<Department>;
    reportingControlDepartment: Ref<ReportingDepartment>;
    role: Ref<Role>;
  }) {
    super();
    this.company = init.company;
    this.code = init.code;
    this.type = init.type;
    this.lastName = init.lastName;
    this.firstName = init.firstName;
    this.effectiveDate = init.effectiveDate;
    this.department = init.department;
    this.controlDepartment = init.controlDepartment;
    this.reportingControlDepartment = init.reportingControlDepartment;
    this.role = init.role;
  }

  emailAt(slot: EmailSlot): string | undefined {
    return [this.email1, this.email2, this.email3][slot - 1];
  }
}

export type EmailSlot = 1 | 2 | 3;
