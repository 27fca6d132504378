import { Migration } from '@mikro-orm/migrations';

export class Migration20261202010413_incident_plan extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "incident_templates" ("tenant_id" uuid not null, "id" uuid not null, "key" varchar(40) not null, "name" varchar(200) not null, "type_key" varchar(40) not null, "severity" varchar(16) not null, "description" text null, "location" jsonb null, "teams" jsonb not null, "task_cards" jsonb not null, "notification" jsonb null, "situation_picture" varchar(40) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "incident_templates_pkey" primary key ("tenant_id", "id"));`);
    this.addSql(`alter table "incident_templates" add constraint "incident_templates_key_unique" unique ("tenant_id", "key");`);

    this.addSql(`create table "incident_situation_pictures" ("tenant_id" uuid not null, "incident_id" uuid not null, "version" int not null, "template_key" varchar(40) not null, "template_name" varchar(200) not null, "sections" jsonb not null, "author_id" uuid not null, "author_name" varchar(200) not null, "created_at" timestamptz not null, "prev_hash" varchar(64) null, "hash" varchar(64) not null, constraint "incident_situation_pictures_pkey" primary key ("tenant_id", "incident_id", "version"));`);
    this.addSql(`create index "incident_situation_pictures_author_index" on "incident_situation_pictures" ("tenant_id", "author_id");`);

    this.addSql(`alter table "incidents" add column "plan" jsonb null;`);

    this.addSql(`alter table "incident_setups" add column "situation_picture_templates" jsonb not null default '[]';`);

    // Situation-picture versions are evidence like the log: the application role may add them and
    // change only an author's name (erasure; see bootstrap). Offboarding removes them through this
    // function, which refuses while the tenant exists.
    this.addSql(`create or replace function offboard_tenant_situation_pictures(target uuid) returns integer
      language plpgsql security definer set search_path = public, pg_temp as $$
      declare removed integer;
      begin
        if exists (select 1 from tenants where id = target) then
          raise exception 'tenant % still exists: its situation pictures are append-only', target;
        end if;
        perform set_config('app.tenant_id', target::text, true);
        delete from incident_situation_pictures where tenant_id = target;
        get diagnostics removed = row_count;
        return removed;
      end $$;`);
    this.addSql(`revoke all on function offboard_tenant_situation_pictures(uuid) from public;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists offboard_tenant_situation_pictures(uuid);`);
    this.addSql(`drop table if exists "incident_templates" cascade;`);

    this.addSql(`drop table if exists "incident_situation_pictures" cascade;`);

    this.addSql(`alter table "incident_setups" drop column "situation_picture_templates";`);

    this.addSql(`alter table "incidents" drop column "plan";`);
  }

}
