import { Migration } from '@mikro-orm/migrations';

/** The TOTP time step of each account's last accepted code, so that a code cannot be used twice. */
export class Migration20261201110000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "account" add column "mfa_last_time_step" int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "account" drop column "mfa_last_time_step";`);
  }
}
