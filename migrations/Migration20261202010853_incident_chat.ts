import { Migration } from '@mikro-orm/migrations';

export class Migration20261202010853_incident_chat extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "incident_chat_messages" ("tenant_id" uuid not null, "id" uuid not null, "incident_id" uuid not null, "seq" int not null, "change_seq" int not null, "author_id" uuid not null, "author_name" varchar(200) not null, "text" text not null, "media" jsonb not null, "created_at" timestamptz not null, "client_id" uuid null, "observed_at" timestamptz null, "promoted_entry_id" uuid null, "promoted_by" uuid null, "promoted_at" timestamptz null, constraint "incident_chat_messages_pkey" primary key ("tenant_id", "id"));`);
    this.addSql(`create index "incident_chat_messages_change_index" on "incident_chat_messages" ("tenant_id", "incident_id", "change_seq");`);
    this.addSql(`create index "incident_chat_messages_author_index" on "incident_chat_messages" ("tenant_id", "author_id");`);
    this.addSql(`alter table "incident_chat_messages" add constraint "incident_chat_messages_seq_unique" unique ("tenant_id", "incident_id", "seq");`);
    this.addSql(`alter table "incident_chat_messages" add constraint "incident_chat_messages_client_unique" unique ("tenant_id", "author_id", "client_id");`);

    this.addSql(`alter table "incident_log_entries" add column "cites_chat_message_id" uuid null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "incident_chat_messages" cascade;`);

    this.addSql(`alter table "incident_log_entries" drop column "cites_chat_message_id";`);
  }

}
