import { Migration } from '@mikro-orm/migrations';

export class Migration20261202010001_answer_links extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "fallback_deliveries" add column "link_key" varchar(16) null;`);
    this.addSql(`alter table "fallback_deliveries" add constraint "fallback_deliveries_link_key_unique" unique ("tenant_id", "link_key");`);

    this.addSql(`alter table "message_recipients" add column "answered_via" varchar(8) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "fallback_deliveries" drop constraint "fallback_deliveries_link_key_unique";`);
    this.addSql(`alter table "fallback_deliveries" drop column "link_key";`);

    this.addSql(`alter table "message_recipients" drop column "answered_via";`);
  }

}
