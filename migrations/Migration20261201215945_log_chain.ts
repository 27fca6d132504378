import { Migration } from '@mikro-orm/migrations';
import { linkHash } from '../src/modules/incidents/application/chain-hash.js';
import { LogEntry } from '../src/modules/incidents/domain/log-entry.js';
import { LogMark } from '../src/modules/incidents/domain/log-mark.js';

interface EntryRow {
  id: string;
  incident_id: string;
  seq: number;
  change_seq: number;
  author_id: string;
  created_at: Date;
  text: string;
  media: LogEntry['media'];
  classification: string | null;
  labels: string[];
  corrects_id: string | null;
  author_team_id: string | null;
  author_role: string | null;
  important: boolean;
  summary: string | null;
  marked_by: string | null;
  marked_at: Date | null;
}

export class Migration20261201215945_log_chain extends Migration {

  override async up(): Promise<void> {
    await this.execute(`create table "incident_log_marks" ("tenant_id" uuid not null, "incident_id" uuid not null, "seq" int not null, "entry_id" uuid not null, "important" boolean not null, "summary" varchar(500) null, "marked_by" uuid not null, "marked_at" timestamptz not null, "prev_hash" varchar(64) null, "hash" varchar(64) not null, constraint "incident_log_marks_pkey" primary key ("tenant_id", "incident_id", "seq"));`);
    await this.execute(`create index "incident_log_marks_entry_index" on "incident_log_marks" ("tenant_id", "entry_id");`);
    await this.execute(`alter table "incidents" add column "chain_head" varchar(64) null;`);
    await this.execute(`alter table "incident_log_entries" add column "prev_hash" varchar(64) null, add column "hash" varchar(64) null;`);

    // Logs written before the chain existed are chained now, in their order, so every incident's
    // log can be verified. Only the latest mark of an entry was kept then: it becomes the one mark
    // link, at the change number it got. Row-level security is forced on the owner too, so each
    // tenant is entered in turn.
    const tenants = await this.execute('select id from tenants') as Array<{ id: string }>;
    for (const tenant of tenants) {
      await this.execute(`select set_config('app.tenant_id', ?, true)`, [tenant.id]);
      const entries = await this.execute(`select * from incident_log_entries where tenant_id = ? order by incident_id, seq`, [tenant.id]) as EntryRow[];
      const byIncident = new Map<string, EntryRow[]>();
      for (const row of entries) byIncident.set(row.incident_id, [...(byIncident.get(row.incident_id) ?? []), row]);
      for (const [incidentId, rows] of byIncident) {
        const links: Array<{ seq: number; make: (prev: string | null) => { hash: string; save: () => Promise<unknown> } }> = [];
        for (const row of rows) {
          links.push({
            seq: row.seq,
            make: (prev) => {
              const entry = Object.assign(Object.create(LogEntry.prototype) as LogEntry, {
                incidentId, id: row.id, seq: row.seq, authorId: row.author_id, createdAt: new Date(row.created_at), text: row.text, media: row.media,
                classification: row.classification, labels: row.labels, correctsId: row.corrects_id, authorTeamId: row.author_team_id, authorRole: row.author_role, prevHash: prev,
              });
              const hash = linkHash(entry.link());
              return { hash, save: () => this.execute('update incident_log_entries set prev_hash = ?, hash = ? where tenant_id = ? and id = ?', [prev, hash, tenant.id, row.id]) };
            },
          });
          if (row.marked_at && row.marked_by) {
            links.push({
              seq: row.change_seq,
              make: (prev) => {
                const mark = LogMark.record({ tenantId: tenant.id, incidentId, seq: row.change_seq, entryId: row.id, important: row.important, summary: row.summary, markedBy: row.marked_by!, markedAt: new Date(row.marked_at!), prevHash: prev }, linkHash);
                return {
                  hash: mark.hash,
                  save: () => this.execute('insert into incident_log_marks (tenant_id, incident_id, seq, entry_id, important, summary, marked_by, marked_at, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                    [tenant.id, incidentId, mark.seq, mark.entryId, mark.important, mark.summary, mark.markedBy, mark.markedAt, prev, mark.hash]),
                };
              },
            });
          }
        }
        links.sort((a, b) => a.seq - b.seq);
        let prev: string | null = null;
        for (const link of links) {
          const made = link.make(prev);
          await made.save();
          prev = made.hash;
        }
        await this.execute('update incidents set chain_head = ? where tenant_id = ? and id = ?', [prev, tenant.id, incidentId]);
      }
    }
    await this.execute(`alter table "incident_log_entries" alter column "hash" set not null;`);

    // The log is evidence: the application role may add entries and marks but never change or
    // remove them (start-up revokes UPDATE and DELETE on both tables, see bootstrap), except an
    // entry's marking columns, which only show its latest mark link and are checked against it.
    // Erasure is the one way in: this function, owned by the schema owner, changes author names
    // (which are outside the chain) and nothing else, and only in the caller's own tenant.
    await this.execute(`create or replace function pseudonymise_incident_log_author(target_tenant uuid, author uuid, pseudonym text) returns integer
      language plpgsql security definer set search_path = public, pg_temp as $$
      declare changed integer;
      begin
        if target_tenant is distinct from nullif(current_setting('app.tenant_id', true), '')::uuid then
          raise exception 'pseudonymise_incident_log_author: not the current tenant';
        end if;
        update incident_log_entries set author_name = pseudonym where tenant_id = target_tenant and author_id = author;
        get diagnostics changed = row_count;
        return changed;
      end $$;`);
    await this.execute(`revoke all on function pseudonymise_incident_log_author(uuid, uuid, text) from public;`);
    // Offboarding a tenant removes its log too, but only once the tenant itself is gone.
    await this.execute(`create or replace function offboard_tenant_incident_log(target uuid) returns integer
      language plpgsql security definer set search_path = public, pg_temp as $$
      declare removed integer; marks integer;
      begin
        if exists (select 1 from tenants where id = target) then
          raise exception 'tenant % still exists: its incident log is append-only', target;
        end if;
        perform set_config('app.tenant_id', target::text, true);
        delete from incident_log_marks where tenant_id = target;
        get diagnostics marks = row_count;
        delete from incident_log_entries where tenant_id = target;
        get diagnostics removed = row_count;
        return removed + marks;
      end $$;`);
    await this.execute(`revoke all on function offboard_tenant_incident_log(uuid) from public;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists offboard_tenant_incident_log(uuid);`);
    this.addSql(`drop function if exists pseudonymise_incident_log_author(uuid, uuid, text);`);
    this.addSql(`drop table if exists "incident_log_marks" cascade;`);
    this.addSql(`alter table "incident_log_entries" drop column "prev_hash", drop column "hash";`);
    this.addSql(`alter table "incidents" drop column "chain_head";`);
  }

}
