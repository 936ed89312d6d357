import { Migration } from '@mikro-orm/migrations';

/** Issue 19: a transfer entered by a reorganisation (組織変更データ) names it, so that cancelling it cancels them. */
export class Migration20261205214000Reorg extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "transfer" add column "reorganisation_id" uuid null;`);
    this.addSql(
      `alter table "transfer" add constraint "transfer_reorganisation_id_foreign" foreign key ("reorganisation_id") references "reorganisation" ("id") on update cascade on delete set null;`,
    );
    this.addSql(`create index "transfer_reorganisation_id_index" on "transfer" ("reorganisation_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "transfer" drop column "reorganisation_id";`);
  }
}
