import { Migration } from '@mikro-orm/migrations';

/** Azure AD sign-in settings per company: issuer, client id and the sealed client secret. */
export class Migration20261204100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "company" add column "azure_ad_issuer_url" varchar(500) null, add column "azure_ad_client_id" varchar(200) null, add column "azure_ad_client_secret" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "company" drop column "azure_ad_issuer_url", drop column "azure_ad_client_id", drop column "azure_ad_client_secret";`);
  }

}
