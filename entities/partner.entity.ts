import { Entity, Enum, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';
import { Company } from './company.entity';

export const partnerKinds = ['contractor', 'customer'] as const;
export type PartnerKind = (typeof partnerKinds)[number];

/** 委託先 (contractor) or 顧客 (customer), coded `CODE-BRANCH` (コードと枝番の間はハイフン). */
@Entity()
@Unique({ properties: ['company', 'kind', 'code'] })
export class Partner extends BaseEntity {
  @ManyToOne({ entity: () => Company, ref: true, deleteRule: 'cascade' })
  company: Ref<Company>;

  @Enum({ items: () => partnerKinds })
  kind: PartnerKind;

  @Property({ type: 'string', length: 11 })
  code: string;

  @Property({ type: 'string', length: 30 })
  name: string;

  constructor(company: Ref<Company>, kind: PartnerKind, code: string, name: string) {
    super();
    this.company = company;
    this.kind = kind;
    this.code = code;
    this.name = name;
  }
}
