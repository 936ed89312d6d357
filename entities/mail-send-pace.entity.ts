import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * When the next mail of a shared send rate may go (MAIL_RATE_PER_SECOND): every worker process reserves its
 * bulk chunk's send slots here (lib/mail-pace.ts), so several processes together keep the rate the mail
 * relay allows instead of each keeping it on its own.
 */
@Entity({ tableName: 'mail_send_pace' })
export class MailSendPace {
  /** The rate this row paces ('bulk-verification'). */
  @PrimaryKey({ type: 'string', length: 40 })
  scope: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  nextAt: Date;

  constructor(scope: string, nextAt: Date) {
    this.scope = scope;
    this.nextAt = nextAt;
  }
}
