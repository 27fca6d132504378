import { Migration } from '@mikro-orm/migrations';

export class Migration20261202005421_idempotency_keys extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "idempotency_keys" ("tenant_id" uuid not null, "principal" varchar(80) not null, "key" varchar(255) not null, "fingerprint" varchar(64) not null, "status" int not null, "body" text null, "headers" jsonb not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, constraint "idempotency_keys_pkey" primary key ("tenant_id", "principal", "key"));`);
    this.addSql(`create index "idempotency_keys_expiry_index" on "idempotency_keys" ("tenant_id", "expires_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "idempotency_keys" cascade;`);
  }

}
