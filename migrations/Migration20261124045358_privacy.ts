import { Migration } from '@mikro-orm/migrations';

export class Migration20261124045358_privacy extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "breaches" ("id" uuid not null, "tenant_id" uuid not null, "title" varchar(300) not null, "description" text not null, "found_at" timestamptz not null, "data_categories" text[] not null, "people_affected" int null, "reportable" boolean not null, "reported_to_authority_at" timestamptz null, "authority_reference" varchar(100) null, "measures" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "breaches_pkey" primary key ("id"));`);
    this.addSql(`create index "breaches_tenant_found_index" on "breaches" ("tenant_id", "found_at");`);

    this.addSql(`create table "erasure_ledger" ("id" uuid not null, "tenant_id" uuid not null, "subject_type" varchar(16) not null, "subject_id" uuid not null, "reason" varchar(32) not null, "erased_at" timestamptz not null, "requested_by" varchar(64) not null, constraint "erasure_ledger_pkey" primary key ("id"));`);
    this.addSql(`create index "erasure_ledger_tenant_time_index" on "erasure_ledger" ("tenant_id", "erased_at");`);

    this.addSql(`create table "privacy_settings" ("tenant_id" uuid not null, "erase_past_retention" boolean not null default false, "deactivated_purge_months" int not null default 6, "updated_at" timestamptz not null, constraint "privacy_settings_pkey" primary key ("tenant_id"));`);

    this.addSql(`create table "processing_activities" ("id" uuid not null, "tenant_id" uuid not null, "activity" varchar(300) not null, "purpose" text not null, "data_categories" text[] not null, "special_categories" text[] not null, "legal_basis" varchar(30) not null, "retention" varchar(300) not null, "processors" text[] not null, "recipients" text[] not null, "responsible" varchar(200) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "processing_activities_pkey" primary key ("id"));`);
    this.addSql(`create index "processing_activities_tenant_id_index" on "processing_activities" ("tenant_id");`);

    this.addSql(`create table "processor_agreements" ("id" uuid not null, "tenant_id" uuid not null, "version" varchar(50) not null, "accepted_by_name" varchar(200) not null, "accepted_by_email" varchar(320) not null, "accepted_at" timestamptz not null, "recorded_by" uuid not null, constraint "processor_agreements_pkey" primary key ("id"));`);
    this.addSql(`create index "processor_agreements_tenant_id_index" on "processor_agreements" ("tenant_id");`);

    this.addSql(`create table "retention_flags" ("subject_type" varchar(16) not null, "subject_id" uuid not null, "tenant_id" uuid not null, "retention_until" date not null, "flagged_at" timestamptz not null, constraint "retention_flags_pkey" primary key ("subject_type", "subject_id"));`);
    // The audit trail is append-only for the application role. Offboarding is its one way out:
    // this function, owned by the schema owner, deletes a tenant's audit rows only once the tenant
    // itself is gone, so it cannot erase the trail of a live tenant. Execution is granted to the
    // application role at start-up (see bootstrap), to nobody else.
    this.addSql(`create or replace function offboard_tenant_audit_events(target uuid) returns integer
      language plpgsql security definer set search_path = public, pg_temp as $$
      declare removed integer;
      begin
        if exists (select 1 from tenants where id = target) then
          raise exception 'tenant % still exists: its audit trail is append-only', target;
        end if;
        perform set_config('app.tenant_id', target::text, true);
        delete from audit_events where tenant_id = target;
        get diagnostics removed = row_count;
        return removed;
      end $$;`);
    this.addSql(`revoke all on function offboard_tenant_audit_events(uuid) from public;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists offboard_tenant_audit_events(uuid);`);

    this.addSql(`drop table if exists "breaches" cascade;`);

    this.addSql(`drop table if exists "erasure_ledger" cascade;`);

    this.addSql(`drop table if exists "privacy_settings" cascade;`);

    this.addSql(`drop table if exists "processing_activities" cascade;`);

    this.addSql(`drop table if exists "processor_agreements" cascade;`);

    this.addSql(`drop table if exists "retention_flags" cascade;`);
  }

}
