import { Migration } from '@mikro-orm/migrations';

export class Migration20261123201706_sync_stamp extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "content_items_tenant_version_index" on "content_items" ("tenant_id", "version");`);

    this.addSql(`alter table "content_sync_snapshots" add column "stamp" varchar(300) not null default '';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "content_items_tenant_version_index";`);

    this.addSql(`alter table "content_sync_snapshots" drop column "stamp";`);
  }

}
