import { Entity, Enum, Property } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';

export const issuanceChannels = ['email', 'pdf'] as const;
export type IssuanceChannel = (typeof issuanceChannels)[number];

export const codeNumberings = ['manual', 'auto'] as const;
export type CodeNumbering = (typeof codeNumberings)[number];

/** 自社マスタ [勤務形態]: which work styles own accounts may have. */
export const workStylePolicies = ['both', 'general-only', 'flex-only'] as const;
export type WorkStylePolicy = (typeof workStylePolicies)[number];

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

  /** アカウントコード: typed by the admin (manual) or numbered by the service (auto). */
  @Enum({ items: () => codeNumberings })
  accountCodeNumbering: CodeNumbering = 'manual';

  /** The last number handed out when numbering is automatic. */
  @Property({ type: 'integer' })
  lastAccountNumber: number = 0;

  /** ロックアウト: failed logins within `lockoutWindowDays` that lock an account. */
  @Property({ type: 'integer' })
  lockoutThreshold: number = 5;

  /** ロックアウト失敗対象日数. */
  @Property({ type: 'integer' })
  lockoutWindowDays: number = 1;

  /** 多要素認証を有効にする. */
  @Property({ type: 'boolean' })
  mfaEnabled: boolean = false;

  /** Azure AD認証 (the id may then be set on accounts). */
  @Property({ type: 'boolean' })
  azureAdEnabled: boolean = false;

  /** Azure AD sign-in: the OpenID issuer, e.g. https://login.microsoftonline.com/<tenant>/v2.0. */
  @Property({ type: 'string', length: 500, nullable: true })
  azureAdIssuerUrl?: string;

  @Property({ type: 'string', length: 200, nullable: true })
  azureAdClientId?: string;

  /** The client secret, sealed with the service key (SecretBox, bound to the company id); never answered. */
  @Property({ type: 'text', nullable: true, lazy: true })
  azureAdClientSecret?: string;

  /** OBPM Webスマートフォンオプション: accounts may be marked smartphone-only. */
  @Property({ type: 'boolean' })
  smartphoneOptionEnabled: boolean = false;

  @Enum({ items: () => workStylePolicies })
  workStylePolicy: WorkStylePolicy = 'both';

  /** 監査ログの保存期間 (years): housekeeping prunes older audit events, keeping the chain verifiable. */
  @Property({ type: 'integer' })
  auditRetentionYears: number = 7;

  constructor(code: string, name: string, serviceName: string) {
    super();
    this.code = code;
    this.name = name;
    this.serviceName = serviceName;
  }
}
