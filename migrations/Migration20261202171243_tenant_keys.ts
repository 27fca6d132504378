import { Migration } from '@mikro-orm/migrations';

export class Migration20261202171243_tenant_keys extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "activation_tokens" drop constraint "activation_tokens_secret_hash_unique";`);
    this.addSql(`drop index "activation_tokens_tenant_id_index";`);
    this.addSql(`alter table "activation_tokens" drop constraint "activation_tokens_pkey";`);

    this.addSql(`alter table "activation_tokens" add constraint "activation_tokens_tenant_secret_hash_unique" unique ("tenant_id", "secret_hash");`);
    this.addSql(`alter table "activation_tokens" add constraint "activation_tokens_pkey" primary key ("tenant_id", "id");`);

    this.addSql(`drop index "api_keys_tenant_id_index";`);
    this.addSql(`alter table "api_keys" drop constraint "api_keys_pkey";`);

    this.addSql(`alter table "api_keys" add constraint "api_keys_pkey" primary key ("tenant_id", "id");`);

    this.addSql(`alter table "content_audience" drop constraint "content_audience_pkey";`);

    this.addSql(`alter table "content_audience" add constraint "content_audience_pkey" primary key ("tenant_id", "item_id", "target_type", "target_id");`);

    this.addSql(`alter table "audit_events" drop constraint "audit_events_pkey";`);

    this.addSql(`alter table "audit_events" add constraint "audit_events_pkey" primary key ("tenant_id", "id");`);

    this.addSql(`alter table "breaches" drop constraint "breaches_pkey";`);

    this.addSql(`alter table "breaches" add constraint "breaches_pkey" primary key ("tenant_id", "id");`);

    this.addSql(`drop index "contacts_tenant_id_index";`);
    this.addSql(`alter table "contacts" drop constraint "contacts_pkey";`);

    this.addSql(`alter table "contacts" add constraint "contacts_pkey" primary key ("tenant_id", "id");`);

    this.addSql(`alter table "content_items" drop constraint "content_items_pkey";`);

    this.addSql(`alter table "content_items" add constraint "content_items_pkey" primary key ("tenant_id", "id");`);

    this.addSql(`alter table "push_devices" drop constraint "push_devices_pkey";`);

    this.addSql(`alter table "push_devices" add constraint "push_devices_pkey" primary key ("tenant_id", "id");`);

    this.addSql(`alter table "device_sessions" drop constraint "device_sessions_pkey";`);

    this.addSql(`alter table "device_sessions" add constraint "device_sessions_pkey" primary key ("tenant_id", "id");`);

    this.addSql(`alter table "erasure_ledger" drop constraint "erasure_ledger_pkey";`);

    this.addSql(`alter table "erasure_ledger" add constraint "erasure_ledger_pkey" primary key ("tenant_id", "id");`);

    this.addSql(`drop index "groups_tenant_id_index";`);
    this.addSql(`alter table "groups" drop constraint "groups_pkey";`);

    this.addSql(`alter table "groups" add constraint "groups_pkey" primary key ("tenant_id", "id");`);

    this.addSql(`alter table "group_members" drop constraint "group_members_pkey";`);

    this.addSql(`alter table "group_members" add constraint "group_members_pkey" primary key ("tenant_id", "group_id", "user_id");`);

    this.addSql(`alter table "incidents" drop constraint "incidents_pkey";`);

    this.addSql(`alter table "incidents" add constraint "incidents_pkey" primary key ("tenant_id", "id");`);

    this.addSql(`alter table "incident_actions" drop constraint "incident_actions_pkey";`);

    this.addSql(`alter table "incident_actions" add constraint "incident_actions_pkey" primary key ("tenant_id", "id");`);

    this.addSql(`alter table "incident_log_entries" drop constraint "incident_log_entries_pkey";`);

    this.addSql(`alter table "incident_log_entries" add constraint "incident_log_entries_pkey" primary key ("tenant_id", "id");`);

    this.addSql(`drop index "media_tenant_id_index";`);
    this.addSql(`alter table "media" drop constraint "media_pkey";`);

    this.addSql(`alter table "media" add constraint "media_pkey" primary key ("tenant_id", "id");`);

    this.addSql(`alter table "messages" drop constraint "messages_pkey";`);

    this.addSql(`alter table "messages" add constraint "messages_pkey" primary key ("tenant_id", "id");`);

    this.addSql(`drop index "processing_activities_tenant_id_index";`);
    this.addSql(`alter table "processing_activities" drop constraint "processing_activities_pkey";`);

    this.addSql(`alter table "processing_activities" add constraint "processing_activities_pkey" primary key ("tenant_id", "id");`);

    this.addSql(`drop index "processor_agreements_tenant_id_index";`);
    this.addSql(`alter table "processor_agreements" drop constraint "processor_agreements_pkey";`);

    this.addSql(`alter table "processor_agreements" add constraint "processor_agreements_pkey" primary key ("tenant_id", "id");`);

    this.addSql(`alter table "recovery_codes" drop constraint "recovery_codes_pkey";`);

    this.addSql(`alter table "recovery_codes" add constraint "recovery_codes_pkey" primary key ("tenant_id", "id");`);

    this.addSql(`drop index "refresh_tokens_tenant_id_index";`);
    this.addSql(`alter table "refresh_tokens" drop constraint "refresh_tokens_token_hash_unique";`);
    this.addSql(`alter table "refresh_tokens" drop constraint "refresh_tokens_pkey";`);

    this.addSql(`alter table "refresh_tokens" add constraint "refresh_tokens_tenant_token_hash_unique" unique ("tenant_id", "token_hash");`);
    this.addSql(`alter table "refresh_tokens" add constraint "refresh_tokens_pkey" primary key ("tenant_id", "id");`);

    this.addSql(`alter table "retention_flags" drop constraint "retention_flags_pkey";`);

    this.addSql(`alter table "retention_flags" add constraint "retention_flags_pkey" primary key ("tenant_id", "subject_type", "subject_id");`);

    this.addSql(`alter table "content_sync_snapshots" drop constraint "content_sync_snapshots_pkey";`);

    this.addSql(`alter table "content_sync_snapshots" add constraint "content_sync_snapshots_pkey" primary key ("tenant_id", "id");`);

    this.addSql(`drop index "users_tenant_id_index";`);
    this.addSql(`alter table "users" drop constraint "users_pkey";`);

    this.addSql(`alter table "users" add constraint "users_pkey" primary key ("tenant_id", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "activation_tokens" drop constraint "activation_tokens_tenant_secret_hash_unique";`);
    this.addSql(`alter table "activation_tokens" drop constraint "activation_tokens_pkey";`);

    this.addSql(`alter table "activation_tokens" add constraint "activation_tokens_secret_hash_unique" unique ("secret_hash");`);
    this.addSql(`create index "activation_tokens_tenant_id_index" on "activation_tokens" ("tenant_id");`);
    this.addSql(`alter table "activation_tokens" add constraint "activation_tokens_pkey" primary key ("id");`);

    this.addSql(`alter table "api_keys" drop constraint "api_keys_pkey";`);

    this.addSql(`create index "api_keys_tenant_id_index" on "api_keys" ("tenant_id");`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_pkey" primary key ("id");`);

    this.addSql(`alter table "audit_events" drop constraint "audit_events_pkey";`);

    this.addSql(`alter table "audit_events" add constraint "audit_events_pkey" primary key ("id");`);

    this.addSql(`alter table "breaches" drop constraint "breaches_pkey";`);

    this.addSql(`alter table "breaches" add constraint "breaches_pkey" primary key ("id");`);

    this.addSql(`alter table "contacts" drop constraint "contacts_pkey";`);

    this.addSql(`create index "contacts_tenant_id_index" on "contacts" ("tenant_id");`);
    this.addSql(`alter table "contacts" add constraint "contacts_pkey" primary key ("id");`);

    this.addSql(`alter table "content_audience" drop constraint "content_audience_pkey";`);

    this.addSql(`alter table "content_audience" add constraint "content_audience_pkey" primary key ("item_id", "target_type", "target_id");`);

    this.addSql(`alter table "content_items" drop constraint "content_items_pkey";`);

    this.addSql(`alter table "content_items" add constraint "content_items_pkey" primary key ("id");`);

    this.addSql(`alter table "content_sync_snapshots" drop constraint "content_sync_snapshots_pkey";`);

    this.addSql(`alter table "content_sync_snapshots" add constraint "content_sync_snapshots_pkey" primary key ("id");`);

    this.addSql(`alter table "device_sessions" drop constraint "device_sessions_pkey";`);

    this.addSql(`alter table "device_sessions" add constraint "device_sessions_pkey" primary key ("id");`);

    this.addSql(`alter table "erasure_ledger" drop constraint "erasure_ledger_pkey";`);

    this.addSql(`alter table "erasure_ledger" add constraint "erasure_ledger_pkey" primary key ("id");`);

    this.addSql(`alter table "group_members" drop constraint "group_members_pkey";`);

    this.addSql(`alter table "group_members" add constraint "group_members_pkey" primary key ("group_id", "user_id");`);

    this.addSql(`alter table "groups" drop constraint "groups_pkey";`);

    this.addSql(`create index "groups_tenant_id_index" on "groups" ("tenant_id");`);
    this.addSql(`alter table "groups" add constraint "groups_pkey" primary key ("id");`);

    this.addSql(`alter table "incident_actions" drop constraint "incident_actions_pkey";`);

    this.addSql(`alter table "incident_actions" add constraint "incident_actions_pkey" primary key ("id");`);

    this.addSql(`alter table "incident_log_entries" drop constraint "incident_log_entries_pkey";`);

    this.addSql(`alter table "incident_log_entries" add constraint "incident_log_entries_pkey" primary key ("id");`);

    this.addSql(`alter table "incidents" drop constraint "incidents_pkey";`);

    this.addSql(`alter table "incidents" add constraint "incidents_pkey" primary key ("id");`);

    this.addSql(`alter table "media" drop constraint "media_pkey";`);

    this.addSql(`create index "media_tenant_id_index" on "media" ("tenant_id");`);
    this.addSql(`alter table "media" add constraint "media_pkey" primary key ("id");`);

    this.addSql(`alter table "messages" drop constraint "messages_pkey";`);

    this.addSql(`alter table "messages" add constraint "messages_pkey" primary key ("id");`);

    this.addSql(`alter table "processing_activities" drop constraint "processing_activities_pkey";`);

    this.addSql(`create index "processing_activities_tenant_id_index" on "processing_activities" ("tenant_id");`);
    this.addSql(`alter table "processing_activities" add constraint "processing_activities_pkey" primary key ("id");`);

    this.addSql(`alter table "processor_agreements" drop constraint "processor_agreements_pkey";`);

    this.addSql(`create index "processor_agreements_tenant_id_index" on "processor_agreements" ("tenant_id");`);
    this.addSql(`alter table "processor_agreements" add constraint "processor_agreements_pkey" primary key ("id");`);

    this.addSql(`alter table "push_devices" drop constraint "push_devices_pkey";`);

    this.addSql(`alter table "push_devices" add constraint "push_devices_pkey" primary key ("id");`);

    this.addSql(`alter table "recovery_codes" drop constraint "recovery_codes_pkey";`);

    this.addSql(`alter table "recovery_codes" add constraint "recovery_codes_pkey" primary key ("id");`);

    this.addSql(`alter table "refresh_tokens" drop constraint "refresh_tokens_tenant_token_hash_unique";`);
    this.addSql(`alter table "refresh_tokens" drop constraint "refresh_tokens_pkey";`);

    this.addSql(`create index "refresh_tokens_tenant_id_index" on "refresh_tokens" ("tenant_id");`);
    this.addSql(`alter table "refresh_tokens" add constraint "refresh_tokens_token_hash_unique" unique ("token_hash");`);
    this.addSql(`alter table "refresh_tokens" add constraint "refresh_tokens_pkey" primary key ("id");`);

    this.addSql(`alter table "retention_flags" drop constraint "retention_flags_pkey";`);

    this.addSql(`alter table "retention_flags" add constraint "retention_flags_pkey" primary key ("subject_type", "subject_id");`);

    this.addSql(`alter table "users" drop constraint "users_pkey";`);

    this.addSql(`create index "users_tenant_id_index" on "users" ("tenant_id");`);
    this.addSql(`alter table "users" add constraint "users_pkey" primary key ("id");`);
  }

}
