import { Migration } from '@mikro-orm/migrations';

export class Migration20261124044638_incidents extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "incidents" ("id" uuid not null, "tenant_id" uuid not null, "title" varchar(200) not null, "type_key" varchar(40) not null, "severity" varchar(16) not null, "description" text null, "location" jsonb null, "exercise" boolean not null, "status" varchar(16) not null, "activated_by" uuid not null, "activated_at" timestamptz not null, "closed_by" uuid null, "closed_at" timestamptz null, "last_seq" int not null default 0, "updated_at" timestamptz not null, constraint "incidents_pkey" primary key ("id"));`);
    this.addSql(`create index "incidents_tenant_status_index" on "incidents" ("tenant_id", "status");`);

    this.addSql(`create table "incident_actions" ("id" uuid not null, "tenant_id" uuid not null, "incident_id" uuid not null, "title" varchar(300) not null, "description" text null, "assignee" jsonb null, "due_at" timestamptz null, "status" varchar(16) not null, "created_by" uuid not null, "created_by_name" varchar(200) not null, "created_at" timestamptz not null, "completed_by" uuid null, "completed_by_name" varchar(200) null, "completed_at" timestamptz null, "history" jsonb not null, "updated_at" timestamptz not null, constraint "incident_actions_pkey" primary key ("id"));`);
    this.addSql(`create index "incident_actions_tenant_incident_index" on "incident_actions" ("tenant_id", "incident_id");`);

    this.addSql(`create table "incident_members" ("tenant_id" uuid not null, "incident_id" uuid not null, "user_id" uuid not null, "name" varchar(200) not null, "team_id" uuid null, "team_name" varchar(200) null, "role" varchar(40) not null, "linked_by" uuid not null, "linked_at" timestamptz not null, "removed_at" timestamptz null, constraint "incident_members_pkey" primary key ("tenant_id", "incident_id", "user_id"));`);
    this.addSql(`create index "incident_members_tenant_user_index" on "incident_members" ("tenant_id", "user_id");`);

    this.addSql(`create table "incident_setups" ("tenant_id" uuid not null, "types" jsonb not null, "roles" jsonb not null, "locations" jsonb not null, "classifications" jsonb not null, "labels" jsonb not null, "allow_member_activation" boolean not null default false, "member_visibility" varchar(16) not null, "updated_at" timestamptz not null, constraint "incident_setups_pkey" primary key ("tenant_id"));`);

    this.addSql(`create table "incident_teams" ("tenant_id" uuid not null, "incident_id" uuid not null, "group_id" uuid not null, "name" varchar(200) not null, "role" varchar(40) not null, "linked_at" timestamptz not null, "removed_at" timestamptz null, constraint "incident_teams_pkey" primary key ("tenant_id", "incident_id", "group_id"));`);

    this.addSql(`create table "incident_log_entries" ("id" uuid not null, "tenant_id" uuid not null, "incident_id" uuid not null, "seq" int not null, "change_seq" int not null, "author_id" uuid not null, "author_name" varchar(200) not null, "author_team_id" uuid null, "author_team_name" varchar(200) null, "author_role" varchar(40) null, "text" text not null, "media" jsonb not null, "has_media" boolean not null, "classification" varchar(40) null, "labels" text[] not null, "corrects_id" uuid null, "important" boolean not null default false, "summary" varchar(500) null, "marked_by" uuid null, "marked_at" timestamptz null, "created_at" timestamptz not null, constraint "incident_log_entries_pkey" primary key ("id"));`);
    this.addSql(`create index "incident_log_entries_change_index" on "incident_log_entries" ("tenant_id", "incident_id", "change_seq");`);
    this.addSql(`create index "incident_log_entries_author_index" on "incident_log_entries" ("tenant_id", "author_id");`);
    this.addSql(`alter table "incident_log_entries" add constraint "incident_log_entries_seq_unique" unique ("tenant_id", "incident_id", "seq");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "incidents" cascade;`);

    this.addSql(`drop table if exists "incident_actions" cascade;`);

    this.addSql(`drop table if exists "incident_members" cascade;`);

    this.addSql(`drop table if exists "incident_setups" cascade;`);

    this.addSql(`drop table if exists "incident_teams" cascade;`);

    this.addSql(`drop table if exists "incident_log_entries" cascade;`);
  }

}
