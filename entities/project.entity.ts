import { Entity, Enum, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import type { Account } from './account.entity';
import { BaseEntity } from './base.entity';
import { Company } from './company.entity';

/** A project, coded `CODE-BRANCH` (at most 23 characters). */
@Entity()
@Unique({ properties: ['company', 'code'] })
export class Project extends BaseEntity {
  @ManyToOne({ entity: () => Company, ref: true, deleteRule: 'cascade' })
  company: Ref<Company>;

  @Property({ type: 'string', length: 23 })
  code: string;

  @Property({ type: 'string', length: 50 })
  name: string;

  constructor(company: Ref<Company>, code: string, name: string) {
    super();
    this.company = company;
    this.code = code;
    this.name = name;
  }
}

export const projectRoles = ['pm', 'pl', 'member'] as const;
export type ProjectRole = (typeof projectRoles)[number];

/** A project member (PM, PL or member). While any exists the account cannot be deleted. */
@Entity()
@Unique({ properties: ['project', 'account'] })
@Index({ properties: ['account'] })
export class ProjectMember extends BaseEntity {
  @ManyToOne({ entity: () => Project, ref: true, deleteRule: 'cascade' })
  project: Ref<Project>;

  @ManyToOne({ entity: 'Account', ref: true, deleteRule: 'restrict' })
  account: Ref<Account>;

  @Enum({ items: () => projectRoles })
  projectRole: ProjectRole;

  constructor(project: Ref<Project>, account: Ref<Account>, projectRole: ProjectRole) {
    super();
    this.project = project;
    this.account = account;
    this.projectRole = projectRole;
  }
}
