import { Migration } from '@mikro-orm/migrations';

export class Migration20261202133142_message_templates extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "message_templates" ("tenant_id" uuid not null, "id" uuid not null, "name" varchar(100) not null, "title" varchar(120) not null, "body" text not null, "format" varchar(16) not null, "priority" varchar(16) not null, "answer_options" jsonb not null, "goal" jsonb null, "waves" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "message_templates_pkey" primary key ("tenant_id", "id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "message_templates" cascade;`);
  }

}
