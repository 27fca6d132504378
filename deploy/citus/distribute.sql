-- Distribution for Citus: run once as the owner on the coordinator, after `CREATE EXTENSION citus`
-- and the migrations step, before the application starts. Every tenant-owned table is distributed
-- by tenant_id and colocated, so one tenant's rows share a shard and every query stays on it; the
-- platform tables are reference tables (a copy on every worker).
-- Citus requires every primary key and unique constraint of a distributed table, and every foreign
-- key between two of them, to include tenant_id: the schema's keys are (tenant_id, id) or start
-- with tenant_id, and it has no foreign keys. test/integration/citus-readiness.spec.ts checks both
-- on the migrated schema and keeps this list equal to the schema's tables.

select create_reference_table('operators');
select create_reference_table('tenants');

select create_distributed_table('activation_tokens', 'tenant_id');
select create_distributed_table('api_keys', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('app_version_minimums', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('audit_events', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('breaches', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('call_up_waves', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('contacts', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('content_audience', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('content_items', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('content_sync_snapshots', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('content_tree_changes', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('device_sessions', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('erasure_ledger', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('fallback_deliveries', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('group_members', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('groups', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('idempotency_keys', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('incident_actions', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('incident_chat_messages', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('incident_log_entries', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('incident_log_marks', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('incident_members', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('incident_setups', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('incident_situation_pictures', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('incident_teams', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('incident_templates', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('incidents', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('media', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('message_outbox', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('message_recipients', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('message_templates', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('messages', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('privacy_settings', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('processing_activities', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('processor_agreements', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('push_deliveries', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('push_devices', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('recovery_codes', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('refresh_tokens', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('retention_flags', 'tenant_id', colocate_with => 'activation_tokens');
select create_distributed_table('users', 'tenant_id', colocate_with => 'activation_tokens');
