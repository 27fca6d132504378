import { Migration } from '@mikro-orm/migrations';

export class Migration20261123194536_branding extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "media" add column "shared_with_tenant" boolean not null default false;`);

    this.addSql(`alter table "tenants" add column "primary_color" varchar(7) null, add column "accent_color" varchar(7) null, add column "logo_media_id" uuid null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "media" drop column "shared_with_tenant";`);

    this.addSql(`alter table "tenants" drop column "primary_color", drop column "accent_color", drop column "logo_media_id";`);
  }

}
