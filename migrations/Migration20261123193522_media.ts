import { Migration } from '@mikro-orm/migrations';

export class Migration20261123193522_media extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "media" ("id" uuid not null, "tenant_id" uuid not null, "kind" varchar(16) not null, "mime_type" varchar(100) not null, "size" int not null, "width" int null, "height" int null, "original_name" varchar(255) null, "renditions" text[] not null, "created_by" uuid not null, "created_at" timestamptz not null, constraint "media_pkey" primary key ("id"));`);
    this.addSql(`create index "media_tenant_id_index" on "media" ("tenant_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "media" cascade;`);
  }

}
