import { Migration } from '@mikro-orm/migrations';

export class Migration20261124044040_users_retention_and_legal_basis extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "users" add column "retention_until" date null, add column "legal_basis" varchar(30) null, add column "legal_basis_note" varchar(1000) null, add column "purged_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "users" drop column "retention_until", drop column "legal_basis", drop column "legal_basis_note", drop column "purged_at";`);
  }

}
