import { Migration } from '@mikro-orm/migrations';

export class Migration20261123192619_content extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "content_audience" ("item_id" uuid not null, "target_type" varchar(8) not null, "target_id" uuid not null, "tenant_id" uuid not null, constraint "content_audience_pkey" primary key ("item_id", "target_type", "target_id"));`);
    this.addSql(`create index "content_audience_tenant_target_index" on "content_audience" ("tenant_id", "target_type", "target_id");`);

    this.addSql(`create table "contacts" ("id" uuid not null, "tenant_id" uuid not null, "name" varchar(200) not null, "organisation" varchar(200) null, "function" varchar(200) null, "phones" text[] not null, "email" varchar(320) null, "notes" text null, "retention_until" date null, "legal_basis" varchar(30) null, "legal_basis_note" varchar(1000) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "contacts_pkey" primary key ("id"));`);
    this.addSql(`create index "contacts_tenant_id_index" on "contacts" ("tenant_id");`);

    this.addSql(`create table "content_items" ("id" uuid not null, "tenant_id" uuid not null, "parent_id" uuid null, "kind" varchar(20) not null, "title" varchar(300) not null, "position" int not null, "status" varchar(16) not null, "body" jsonb not null, "everyone" boolean not null default false, "version" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "published_at" timestamptz null, "deleted_at" timestamptz null, constraint "content_items_pkey" primary key ("id"));`);
    this.addSql(`create index "content_items_tenant_parent_index" on "content_items" ("tenant_id", "parent_id");`);
    this.addSql(`create index "content_items_tenant_status_index" on "content_items" ("tenant_id", "status");`);

    this.addSql(`create table "content_sync_snapshots" ("id" uuid not null, "tenant_id" uuid not null, "user_id" uuid not null, "view_hash" varchar(64) not null, "items" jsonb not null, "created_at" timestamptz not null, constraint "content_sync_snapshots_pkey" primary key ("id"));`);
    this.addSql(`alter table "content_sync_snapshots" add constraint "content_sync_snapshots_view_unique" unique ("tenant_id", "user_id", "view_hash");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "content_audience" cascade;`);

    this.addSql(`drop table if exists "contacts" cascade;`);

    this.addSql(`drop table if exists "content_items" cascade;`);

    this.addSql(`drop table if exists "content_sync_snapshots" cascade;`);
  }

}
