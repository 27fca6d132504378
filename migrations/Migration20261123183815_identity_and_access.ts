import { Migration } from '@mikro-orm/migrations';

export class Migration20261123183815_identity_and_access extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "api_keys" ("id" uuid not null, "tenant_id" uuid not null, "name" varchar(100) not null, "scopes" text[] not null, "secret_hash" varchar(64) not null, "created_by" uuid not null, "created_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, constraint "api_keys_pkey" primary key ("id"));`);
    this.addSql(`create index "api_keys_tenant_id_index" on "api_keys" ("tenant_id");`);

    this.addSql(`create table "audit_events" ("id" uuid not null, "tenant_id" uuid not null, "occurred_at" timestamptz not null, "action" varchar(100) not null, "actor_type" varchar(16) not null, "actor_id" varchar(64) null, "subject_type" varchar(32) null, "subject_id" varchar(64) null, "client_address" varchar(64) null, "user_agent" varchar(300) null, "details" jsonb not null, constraint "audit_events_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_events_tenant_time_index" on "audit_events" ("tenant_id", "occurred_at");`);
    this.addSql(`create index "audit_events_tenant_subject_index" on "audit_events" ("tenant_id", "subject_id");`);
    this.addSql(`create index "audit_events_tenant_actor_index" on "audit_events" ("tenant_id", "actor_id");`);

    this.addSql(`create table "device_sessions" ("id" uuid not null, "tenant_id" uuid not null, "user_id" uuid not null, "device_name" varchar(100) null, "platform" varchar(16) null, "app_version" varchar(30) null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "revoked_at" timestamptz null, "revoke_reason" varchar(40) null, constraint "device_sessions_pkey" primary key ("id"));`);
    this.addSql(`create index "device_sessions_tenant_user_index" on "device_sessions" ("tenant_id", "user_id");`);

    this.addSql(`create table "groups" ("id" uuid not null, "tenant_id" uuid not null, "name" varchar(200) not null, "type" varchar(16) not null, "description" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "groups_pkey" primary key ("id"));`);
    this.addSql(`create index "groups_tenant_id_index" on "groups" ("tenant_id");`);
    this.addSql(`alter table "groups" add constraint "groups_tenant_name_unique" unique ("tenant_id", "name");`);

    this.addSql(`create table "group_members" ("group_id" uuid not null, "user_id" uuid not null, "tenant_id" uuid not null, "added_at" timestamptz not null, constraint "group_members_pkey" primary key ("group_id", "user_id"));`);
    this.addSql(`create index "group_members_tenant_user_index" on "group_members" ("tenant_id", "user_id");`);

    this.addSql(`create table "recovery_codes" ("id" uuid not null, "tenant_id" uuid not null, "user_id" uuid not null, "code_hash" varchar(64) not null, "used_at" timestamptz null, constraint "recovery_codes_pkey" primary key ("id"));`);
    this.addSql(`create index "recovery_codes_tenant_user_index" on "recovery_codes" ("tenant_id", "user_id");`);

    this.addSql(`create table "refresh_tokens" ("id" uuid not null, "tenant_id" uuid not null, "session_id" uuid not null, "token_hash" varchar(64) not null, "created_at" timestamptz not null, "rotated_at" timestamptz null, constraint "refresh_tokens_pkey" primary key ("id"));`);
    this.addSql(`create index "refresh_tokens_tenant_id_index" on "refresh_tokens" ("tenant_id");`);
    this.addSql(`create index "refresh_tokens_session_id_index" on "refresh_tokens" ("session_id");`);
    this.addSql(`alter table "refresh_tokens" add constraint "refresh_tokens_token_hash_unique" unique ("token_hash");`);

    this.addSql(`alter table "activation_tokens" add column "purpose" varchar(20) not null default 'activation';`);

    this.addSql(`alter table "tenants" add column "second_factor_policy" varchar(16) not null default 'optional';`);

    this.addSql(`alter table "users" add column "phone" varchar(40) null, add column "job_title" varchar(200) null, add column "location" varchar(200) null, add column "totp_secret_sealed" varchar(300) null, add column "totp_pending_sealed" varchar(300) null, add column "totp_enabled_at" timestamptz null, add column "totp_last_step" int null, add column "deactivated_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "api_keys" cascade;`);

    this.addSql(`drop table if exists "audit_events" cascade;`);

    this.addSql(`drop table if exists "device_sessions" cascade;`);

    this.addSql(`drop table if exists "groups" cascade;`);

    this.addSql(`drop table if exists "group_members" cascade;`);

    this.addSql(`drop table if exists "recovery_codes" cascade;`);

    this.addSql(`drop table if exists "refresh_tokens" cascade;`);

    this.addSql(`alter table "activation_tokens" drop column "purpose";`);

    this.addSql(`alter table "tenants" drop column "second_factor_policy";`);

    this.addSql(`alter table "users" drop column "phone", drop column "job_title", drop column "location", drop column "totp_secret_sealed", drop column "totp_pending_sealed", drop column "totp_enabled_at", drop column "totp_last_step", drop column "deactivated_at";`);
  }

}
