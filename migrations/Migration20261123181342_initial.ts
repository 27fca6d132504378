import { Migration } from '@mikro-orm/migrations';

export class Migration20261123181342_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "activation_tokens" ("id" uuid not null, "tenant_id" uuid not null, "user_id" uuid not null, "secret_hash" varchar(64) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_at" timestamptz not null, constraint "activation_tokens_pkey" primary key ("id"));`);
    this.addSql(`create index "activation_tokens_tenant_id_index" on "activation_tokens" ("tenant_id");`);
    this.addSql(`create index "activation_tokens_user_id_index" on "activation_tokens" ("user_id");`);
    this.addSql(`alter table "activation_tokens" add constraint "activation_tokens_secret_hash_unique" unique ("secret_hash");`);

    this.addSql(`create table "operators" ("id" uuid not null, "email" varchar(320) not null, "name" varchar(200) not null, "password_hash" varchar(200) not null, "created_at" timestamptz not null, "last_login_at" timestamptz null, constraint "operators_pkey" primary key ("id"));`);
    this.addSql(`alter table "operators" add constraint "operators_email_unique" unique ("email");`);

    this.addSql(`create table "tenants" ("id" uuid not null, "slug" varchar(63) not null, "name" varchar(200) not null, "locale" varchar(10) not null, "time_zone" varchar(64) not null, "dpo_contact" varchar(300) null, "status" varchar(16) not null, "suspension_reason" varchar(500) null, "suspended_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "tenants_pkey" primary key ("id"));`);
    this.addSql(`alter table "tenants" add constraint "tenants_slug_unique" unique ("slug");`);
    this.addSql(`create index "tenants_status_index" on "tenants" ("status");`);

    this.addSql(`create table "users" ("id" uuid not null, "tenant_id" uuid not null, "email" varchar(320) not null, "name" varchar(200) not null, "roles" text[] not null, "status" varchar(16) not null, "password_hash" varchar(200) null, "activated_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "users_pkey" primary key ("id"));`);
    this.addSql(`create index "users_tenant_id_index" on "users" ("tenant_id");`);
    this.addSql(`alter table "users" add constraint "users_tenant_email_unique" unique ("tenant_id", "email");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "activation_tokens" cascade;`);

    this.addSql(`drop table if exists "operators" cascade;`);

    this.addSql(`drop table if exists "tenants" cascade;`);

    this.addSql(`drop table if exists "users" cascade;`);
  }

}
