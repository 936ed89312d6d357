import { Entity, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { Account } from './account.entity';
import { BaseEntity } from './base.entity';
import { Rank } from './rank.entity';

/** One row of the rank history (社員ランク): from `effectiveMonth` (the first day of a month) on, `rank`. */
@Entity()
@Unique({ properties: ['account', 'effectiveMonth'] })
export class AccountRank extends BaseEntity {
  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  account: Ref<Account>;

  /** YYYY-MM-01. */
  @Property({ type: 'date' })
  effectiveMonth: string;

  @ManyToOne({ entity: () => Rank, ref: true, deleteRule: 'restrict' })
  rank: Ref<Rank>;

  constructor(account: Ref<Account>, effectiveMonth: string, rank: Ref<Rank>) {
    super();
    this.account = account;
    this.effectiveMonth = effectiveMonth;
    this.rank = rank;
  }
}
