import { Migration } from '@mikro-orm/migrations';

export class Migration20261201224200_client_ids extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "incident_actions" add column "client_id" uuid null, add column "observed_at" timestamptz null;`);
    this.addSql(`alter table "incident_actions" add constraint "incident_actions_client_unique" unique ("tenant_id", "created_by", "client_id");`);

    this.addSql(`alter table "incident_log_entries" add column "client_id" uuid null, add column "observed_at" timestamptz null;`);
    this.addSql(`alter table "incident_log_entries" add constraint "incident_log_entries_client_unique" unique ("tenant_id", "author_id", "client_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "incident_actions" drop constraint "incident_actions_client_unique";`);
    this.addSql(`alter table "incident_actions" drop column "client_id", drop column "observed_at";`);

    this.addSql(`alter table "incident_log_entries" drop constraint "incident_log_entries_client_unique";`);
    this.addSql(`alter table "incident_log_entries" drop column "client_id", drop column "observed_at";`);
  }

}
