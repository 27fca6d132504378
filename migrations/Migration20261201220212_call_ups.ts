import { Migration } from '@mikro-orm/migrations';

export class Migration20261201220212_call_ups extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "call_up_waves" ("tenant_id" uuid not null, "message_id" uuid not null, "position" smallint not null, "after_minutes" int not null, "audience" jsonb not null, "due_at" timestamptz not null, "sent_at" timestamptz null, "cancelled_at" timestamptz null, "recipient_count" int not null default 0, constraint "call_up_waves_pkey" primary key ("tenant_id", "message_id", "position"));`);
    this.addSql(`create index "call_up_waves_due_index" on "call_up_waves" ("tenant_id", "due_at");`);

    this.addSql(`alter table "messages" add column "goal" jsonb null, add column "closed_at" timestamptz null;`);

    this.addSql(`alter table "message_recipients" add column "wave" smallint not null default 1;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "call_up_waves" cascade;`);

    this.addSql(`alter table "message_recipients" drop column "wave";`);

    this.addSql(`alter table "messages" drop column "goal", drop column "closed_at";`);
  }

}
