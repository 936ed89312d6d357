import { ArrayType, Entity, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';
import { Company } from './company.entity';

@Entity()
@Unique({ properties: ['company', 'code'] })
export class Role extends BaseEntity {
  @ManyToOne({ entity: () => Company, ref: true, deleteRule: 'cascade' })
  company: Ref<Company>;

  @Property({ type: 'string', length: 20 })
  code: string;

  @Property({ type: 'string', length: 50 })
  name: string;

  @Property({ type: ArrayType })
  permissions: string[];

  constructor(company: Ref<Company>, code: string, name: string, permissions: string[]) {
    super();
    this.company = company;
    this.code = code;
    this.name = name;
    this.permissions = permissions;
  }
}
