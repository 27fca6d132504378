import { Migration } from '@mikro-orm/migrations';

export class Migration20261124044707_messaging extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "app_version_minimums" ("tenant_id" uuid not null, "platform" varchar(16) not null, "minimum_version" varchar(32) not null, "updated_at" timestamptz not null, constraint "app_version_minimums_pkey" primary key ("tenant_id", "platform"));`);

    this.addSql(`create table "push_devices" ("id" uuid not null, "tenant_id" uuid not null, "user_id" uuid not null, "platform" varchar(16) not null, "token" text not null, "app_version" varchar(32) not null, "disabled_at" timestamptz null, "disabled_reason" varchar(200) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "push_devices_pkey" primary key ("id"));`);
    this.addSql(`create index "push_devices_tenant_user_index" on "push_devices" ("tenant_id", "user_id");`);
    this.addSql(`alter table "push_devices" add constraint "push_devices_tenant_token_unique" unique ("tenant_id", "token");`);

    this.addSql(`create table "messages" ("id" uuid not null, "tenant_id" uuid not null, "sender_type" varchar(16) not null, "sender_id" uuid not null, "title" varchar(120) not null, "body" text not null, "format" varchar(16) not null, "priority" varchar(16) not null, "answer_options" jsonb not null, "audience" jsonb not null, "status" varchar(16) not null, "scheduled_at" timestamptz null, "sent_at" timestamptz null, "closes_at" timestamptz null, "cancelled_at" timestamptz null, "source" varchar(200) null, "recipient_count" int not null, "dispatch_round" int not null, "created_at" timestamptz not null, constraint "messages_pkey" primary key ("id"));`);
    this.addSql(`create index "messages_tenant_created_index" on "messages" ("tenant_id", "created_at");`);

    this.addSql(`create table "message_outbox" ("tenant_id" uuid not null, "message_id" uuid not null, "due_at" timestamptz not null, constraint "message_outbox_pkey" primary key ("tenant_id", "message_id"));`);
    this.addSql(`create index "message_outbox_due_index" on "message_outbox" ("tenant_id", "due_at");`);

    this.addSql(`create table "message_recipients" ("tenant_id" uuid not null, "message_id" uuid not null, "user_id" uuid not null, "listed_at" timestamptz not null, "delivered_at" timestamptz null, "read_at" timestamptz null, "answer" varchar(60) null, "answered_at" timestamptz null, constraint "message_recipients_pkey" primary key ("tenant_id", "message_id", "user_id"));`);
    this.addSql(`create index "message_recipients_inbox_index" on "message_recipients" ("tenant_id", "user_id", "listed_at");`);

    this.addSql(`create table "push_deliveries" ("tenant_id" uuid not null, "message_id" uuid not null, "device_id" uuid not null, "user_id" uuid not null, "status" varchar(16) not null, "reason" varchar(300) null, "attempts" int not null, "enqueued_at" timestamptz not null, "claimed_at" timestamptz null, "done_at" timestamptz null, constraint "push_deliveries_pkey" primary key ("tenant_id", "message_id", "device_id"));`);
    this.addSql(`create index "push_deliveries_pending_index" on "push_deliveries" ("tenant_id", "status", "enqueued_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "app_version_minimums" cascade;`);

    this.addSql(`drop table if exists "push_devices" cascade;`);

    this.addSql(`drop table if exists "messages" cascade;`);

    this.addSql(`drop table if exists "message_outbox" cascade;`);

    this.addSql(`drop table if exists "message_recipients" cascade;`);

    this.addSql(`drop table if exists "push_deliveries" cascade;`);
  }

}
