import { MikroORM, type EntitySchema } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Logger } from '../logging/logger.js';
import { ormOptions } from './orm-config.js';

/** Tables the application may add to but never change: their rows are evidence. */
export const APPEND_ONLY_TABLES: string[] = ['audit_events', 'incident_log_entries', 'incident_log_marks'];

/**
 * Columns of append-only tables the application may still change: an entry's marking only shows
 * its latest mark link (which is append-only itself), and the log's verification checks it.
 */
export const APPEND_ONLY_UPDATABLE_COLUMNS: Record<string, string[]> = {
  incident_log_entries: ['important', 'summary', 'marked_by', 'marked_at', 'change_seq'],
};

/** SECURITY DEFINER functions (created by migrations) the application role may call. */
export const PRIVILEGED_FUNCTIONS: string[] = ['offboard_tenant_audit_events(uuid)', 'offboard_tenant_incident_log(uuid)', 'pseudonymise_incident_log_author(uuid, uuid, text)'];

/** The ways out of the append-only tables when a tenant is offboarded: each refuses while the tenant exists. */
export const OFFBOARDING_FUNCTIONS: string[] = ['offboard_tenant_incident_log', 'offboard_tenant_audit_events'];

export interface DatabaseAccess {
  ownerUrl: string;
  appUrl: string;
  appRole: string;
}

/**
 * Brings the schema up to date as its owner, then makes sure the application role exists and
 * can do exactly what it should: use the tables, never own them, never bypass row-level
 * security, and find RLS forced on every tenant-owned table.
 */
export async function prepareDatabase(options: {
  ownerUrl: string;
  appRole: string;
  appPassword: string;
  manageAppRolePassword: boolean;
  entities: EntitySchema[];
  logger: Logger;
  /** false: a separate step (the migrations Job) migrates; this process only checks none is pending. */
  migrate?: boolean;
}): Promise<DatabaseAccess> {
  const owner = new pg.Client({ connectionString: options.ownerUrl });
  await owner.connect();
  try {
    await ensureAppRole(owner, options.appRole, options.appPassword, options.manageAppRolePassword);
  } finally {
    await owner.end();
  }

  const orm = await MikroORM.init(ormOptions({ clientUrl: options.ownerUrl, entities: options.entities }));
  try {
    if (options.migrate === false) {
      const pending = await orm.getMigrator().getPendingMigrations();
      if (pending.length > 0) {
        throw new Error(`${pending.length} database migration(s) pending (${pending[0]!.name}, ...): run the migrations step first (node dist/src/main.js migrate)`);
      }
    } else {
      const applied = await orm.getMigrator().up();
      if (applied.length > 0) {
        options.logger.info({ migrations: applied.map((m) => m.name) }, 'database migrations applied');
      }
    }
  } finally {
    await orm.close(true);
  }

  const ownerAgain = new pg.Client({ connectionString: options.ownerUrl });
  await ownerAgain.connect();
  try {
    await ensureTenantIsolation(ownerAgain);
    await grantApplicationRights(ownerAgain, options.appRole);
  } finally {
    await ownerAgain.end();
  }

  const appUrl = new URL(options.ownerUrl);
  appUrl.username = options.appRole;
  appUrl.password = options.appPassword;
  return { ownerUrl: options.ownerUrl, appUrl: appUrl.toString(), appRole: options.appRole };
}

async function ensureAppRole(owner: pg.Client, role: string, password: string, managePassword: boolean): Promise<void> {
  const ident = owner.escapeIdentifier(role);
  const literal = owner.escapeLiteral(password);
  const exists = await owner.query('select 1 from pg_roles where rolname = $1', [role]);
  if (exists.rowCount === 0) {
    await owner.query(
      `create role ${ident} login password ${literal} nosuperuser nobypassrls nocreatedb nocreaterole noinherit`,
    );
  } else if (managePassword) {
    await owner.query(`alter role ${ident} with login password ${literal} nosuperuser nobypassrls`);
  }
}

/**
 * Row-level security on every table that has a tenant_id column, so a table added later is
 * covered by construction. FORCE makes the policy hold even for the table owner.
 */
async function ensureTenantIsolation(owner: pg.Client): Promise<void> {
  await owner.query(`
    create or replace function app_current_tenant() returns uuid
      language sql stable
      as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$`);
  const tables = await owner.query<{ table_name: string; has_policy: boolean; forced: boolean }>(`
    select c.relname as table_name,
           exists (select 1 from pg_policies p where p.schemaname = n.nspname and p.tablename = c.relname
                   and p.policyname = 'tenant_isolation') as has_policy,
           c.relrowsecurity and c.relforcerowsecurity as forced
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
     where n.nspname = current_schema() and c.relkind in ('r', 'p')`);
  for (const table of tables.rows) {
    const ident = owner.escapeIdentifier(table.table_name);
    if (!table.forced) {
      await owner.query(`alter table ${ident} enable row level security`);
      await owner.query(`alter table ${ident} force row level security`);
    }
    if (!table.has_policy) {
      await owner.query(
        `create policy tenant_isolation on ${ident}
           using (tenant_id = app_current_tenant())
           with check (tenant_id = app_current_tenant())`,
      );
    }
  }
}

async function grantApplicationRights(owner: pg.Client, role: string): Promise<void> {
  const ident = owner.escapeIdentifier(role);
  const database = (await owner.query<{ db: string }>('select current_database() as db')).rows[0]!.db;
  await owner.query(`grant connect on database ${owner.escapeIdentifier(database)} to ${ident}`);
  await owner.query(`grant usage on schema public to ${ident}`);
  await owner.query(`grant select, insert, update, delete on all tables in schema public to ${ident}`);
  await owner.query(`grant usage, select on all sequences in schema public to ${ident}`);
  await owner.query(`revoke all on table mikro_orm_migrations from ${ident}`);
  for (const table of APPEND_ONLY_TABLES) {
    await owner.query(`revoke update, delete, truncate on table ${owner.escapeIdentifier(table)} from ${ident}`);
  }
  // Revoking the table's UPDATE took its column grants with it: these come back one by one.
  for (const [table, columns] of Object.entries(APPEND_ONLY_UPDATABLE_COLUMNS)) {
    await owner.query(`grant update (${columns.map((c) => owner.escapeIdentifier(c)).join(', ')}) on table ${owner.escapeIdentifier(table)} to ${ident}`);
  }
  // The deliberate ways into the append-only tables: offboarding a deleted tenant, erasing a log author's name.
  for (const fn of PRIVILEGED_FUNCTIONS) {
    const exists = await owner.query('select 1 from pg_proc where proname = $1', [fn.split('(')[0]]);
    if (exists.rowCount) await owner.query(`grant execute on function ${fn} to ${ident}`);
  }
}

/**
 * Refuses to run as a role that would make row-level security moot. Checked at every start,
 * because an operator can point DATABASE_APP_ROLE at any role.
 */
export async function assertApplicationRoleIsConfined(appUrl: string): Promise<void> {
  const app = new pg.Client({ connectionString: appUrl });
  await app.connect();
  try {
    const role = await app.query<{ rolsuper: boolean; rolbypassrls: boolean; owns: number }>(`
      select r.rolsuper, r.rolbypassrls,
             (select count(*)::int from pg_tables t where t.schemaname = current_schema() and t.tableowner = current_user) as owns
        from pg_roles r where r.rolname = current_user`);
    const row = role.rows[0]!;
    if (row.rolsuper || row.rolbypassrls || row.owns > 0) {
      throw new Error(
        'the application database role must not be a superuser, bypass RLS or own tables; set DATABASE_APP_ROLE to a confined role',
      );
    }
  } finally {
    await app.end();
  }
}
