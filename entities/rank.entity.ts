import { Entity, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';
import { Company } from './company.entity';

/** 社員ランク. An inactive rank cannot be chosen for a new account, but stays valid on existing ones. */
@Entity()
@Unique({ properties: ['company', 'code'] })
export class Rank extends BaseEntity {
  @ManyToOne({ entity: () => Company, ref: true, deleteRule: 'cascade' })
  company: Ref<Company>;

  @Property({ type: 'string', length: 10 })
  code: string;

  @Property({ type: 'string', length: 30 })
  name: string;

  @Property({ type: 'boolean' })
  active: boolean = true;

  @Property({ type: 'integer' })
  sortOrder: number = 0;

  constructor(company: Ref<Company>, code: string, name: string) {
    super();
    this.company = company;
    this.code = code;
    this.name = name;
  }
}
