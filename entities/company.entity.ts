import { Entity, Enum, Property } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';

export const issuanceChannels = ['email', 'pdf'] as const;
export type IssuanceChannel = (typeof issuanceChannels)[number];

export const locales = ['ja', 'en'] as const;
export type Locale = (typeof locales)[number];

/** A tenant: its employees, and the settings of 自社マスタ / ログイン認証設定 that issuance needs. */
@Entity()
export class Company extends BaseEntity {
  @Property({ type: 'string', length: 32, unique: true })
  code: string;

  @Property({ type: 'string', length: 100 })
  name: string;

  @Property({ type: 'string', length: 64 })
  timeZone: string = 'Asia/Tokyo';

  @Enum({ items: () => locales })
  locale: Locale = 'ja';

  @Enum({ items: () => issuanceChannels })
  issuanceChannel: IssuanceChannel = 'email';

  /** 認証要求メール有効期間, in hours. */
  @Property({ type: 'integer' })
  verificationValidityHours: number = 72;

  @Property({ type: 'string', length: 100 })
  serviceName: string;

  @Property({ type: 'string', length: 500, nullable: true })
  appDownloadUrl?: string;

  @Property({ type: 'string', length: 500, nullable: true })
  browserUrl?: string;

  /** パスワード有効文字数: passwords shorter than this are refused. */
  @Property({ type: 'integer' })
  minPasswordLength: number = 12;

  constructor(code: string, name: string, serviceName: string) {
    super();
    this.code = code;
    this.name = name;
    this.serviceName = serviceName;
  }
}
