import { ArrayType, Entity, Enum, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Account } from './account.entity';
import { BaseEntity } from './base.entity';

export const sessionScopes = ['full', 'password-change'] as const;
export type SessionScope = (typeof sessionScopes)[number];

/**
 * A bearer token. Only its keyed hash is stored. It carries a snapshot of the role's permissions
 * taken at login, so role changes reach a logged-in account at its next login, as the seed says.
 */
@Entity()
export class Session extends BaseEntity {
  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  account: Ref<Account>;

  @Property({ type: 'string', length: 64, unique: true })
  tokenHash: string;

  @Enum({ items: () => sessionScopes })
  scope: SessionScope;

  @Property({ type: 'string', length: 20 })
  roleCode: string;

  @Property({ type: ArrayType })
  permissions: string[];

  /** 所属部門 and コントロール部門 at login: department changes reach the account at its next login. */
  @Property({ type: 'uuid', nullable: true })
  departmentId?: string;

  @Property({ type: 'uuid', nullable: true })
  controlDepartmentId?: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt?: Date;

  constructor(init: {
    account: Ref<Account>;
    tokenHash: string;
    scope: SessionScope;
    roleCode: string;
    permissions: string[];
    departmentId?: string;
    controlDepartmentId?: string;
    expiresAt: Date;
  }) {
    super();
    this.account = init.account;
    this.tokenHash = init.tokenHash;
    this.scope = init.scope;
    this.roleCode = init.roleCode;
    this.permissions = init.permissions;
    this.departmentId = init.departmentId;
    this.controlDepartmentId = init.controlDepartmentId;
    this.expiresAt = init.expiresAt;
  }
}
