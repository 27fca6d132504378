import { Migration } from '@mikro-orm/migrations';

export class Migration20261201223045_sms_fallback extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "fallback_deliveries" ("tenant_id" uuid not null, "message_id" uuid not null, "user_id" uuid not null, "channel" varchar(16) not null, "status" varchar(24) not null, "reason" varchar(300) null, "address" varchar(32) null, "reference" varchar(32) not null, "attempts" int not null default 0, "created_at" timestamptz not null, "claimed_at" timestamptz null, "sent_at" timestamptz null, "reported_at" timestamptz null, constraint "fallback_deliveries_pkey" primary key ("tenant_id", "message_id", "user_id", "channel"));`);
    this.addSql(`create index "fallback_deliveries_pending_index" on "fallback_deliveries" ("tenant_id", "status", "created_at");`);
    this.addSql(`alter table "fallback_deliveries" add constraint "fallback_deliveries_reference_unique" unique ("tenant_id", "reference");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "fallback_deliveries" cascade;`);
  }

}
