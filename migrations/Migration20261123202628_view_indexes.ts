import { Migration } from '@mikro-orm/migrations';

export class Migration20261123202628_view_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "content_items_everyone_index" on "content_items" ("tenant_id") where everyone and status = 'published' and deleted_at is null;`);
    this.addSql(`create index "content_items_folders_index" on "content_items" ("tenant_id") where kind = 'folder' and status = 'published' and deleted_at is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "content_items_everyone_index";`);
    this.addSql(`drop index "content_items_folders_index";`);
  }

}
