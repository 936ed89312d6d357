import { Migration } from '@mikro-orm/migrations';

/** PDF未取得/期限切れ: a password status for an account whose PDF notice expired before it was downloaded. */
export class Migration20261202100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "account" drop constraint if exists "account_password_status_check";`);
    this.addSql(
      `alter table "account" add constraint "account_password_status_check" check ("password_status" in ('unissued', 'issuing', 'reissuing', 'issued', 'notice-expired'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`update "account" set "password_status" = 'unissued' where "password_status" = 'notice-expired';`);
    this.addSql(`alter table "account" drop constraint if exists "account_password_status_check";`);
    this.addSql(
      `alter table "account" add constraint "account_password_status_check" check ("password_status" in ('unissued', 'issuing', 'reissuing', 'issued'));`,
    );
  }
}
