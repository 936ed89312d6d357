import { Migration } from '@mikro-orm/migrations';

/**
 * The shared send rate of bulk chunks (issue 11): one row per paced rate, holding when its next mail may go,
 * so that every worker process reserves its slots from the same clock (MailSendPace, lib/mail-pace.ts).
 */
export class Migration20261213100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "mail_send_pace" ("scope" varchar(40) not null, "next_at" timestamptz not null, constraint "mail_send_pace_pkey" primary key ("scope"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mail_send_pace" cascade;`);
  }
}
