import { Entity, Enum, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';
import { Company, type IssuanceChannel, type Locale, locales } from './company.entity';
import { Role } from './role.entity';

export const accountTypes = ['own', 'contractor', 'customer'] as const;
export type AccountType = (typeof accountTypes)[number];

export const passwordStatuses = ['unissued', 'issuing', 'reissuing', 'issued'] as const;
export type PasswordStatus = (typeof passwordStatuses)[number];

export const authStatuses = ['none', 'pending', 'verified', 'expired'] as const;
export type AuthStatus = (typeof authStatuses)[number];

/** The code of the system administrator every company starts with. */
export const systemAdministratorCode = 'Admin';

@Entity()
@Unique({ properties: ['company', 'code'] })
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

  @Property({ type: 'string', length: 10, nullable: true })
  lastNameKana?: string;

  @Property({ type: 'string', length: 10, nullable: true })
  firstNameKana?: string;

  @Property({ type: 'string', length: 100, nullable: true })
  email1?: string;

  @Property({ type: 'string', length: 100, nullable: true })
  email2?: string;

  @Property({ type: 'string', length: 100, nullable: true })
  email3?: string;

  @Enum({ items: () => locales, nullable: true })
  locale?: Locale;

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

  constructor(init: {
    company: Ref<Company>;
    code: string;
    type: AccountType;
    lastName: string;
    firstName: string;
    role: Ref<Role>;
  }) {
    super();
    this.company = init.company;
    this.code = init.code;
    this.type = init.type;
    this.lastName = init.lastName;
    this.firstName = init.firstName;
    this.role = init.role;
  }

  emailAt(slot: EmailSlot): string | undefined {
    return [this.email1, this.email2, this.email3][slot - 1];
  }
}

export type EmailSlot = 1 | 2 | 3;
