import { Migration } from '@mikro-orm/migrations';

export class Migration20261203160411_content_tree_changes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "content_tree_changes" ("tenant_id" uuid not null, "part" varchar(2) not null, "changed_in" bigint not null, constraint "content_tree_changes_pkey" primary key ("tenant_id", "part"));`);

    // The content tree's change marks (issue 19): which transaction last changed a tenant's items
    // (part ''), and the items whose id begins with the same two hex digits (part 'ab'), written for
    // every writer of content_items (the application, a tenant file, a repair by hand).
    // A deferred constraint trigger runs at the commit, once per transaction and row of marks (the
    // later items find their transaction written already): the marks are locked only while the
    // change commits, so two changes of one tenant never wait for each other in a cycle. It runs
    // under the tenant the transaction is bound to, as every content write does (row-level security
    // holds). A delete only moves existing marks: offboarding deletes the tenant's marks with its
    // items, and must find nothing of the tenant afterwards.
    this.addSql(`create or replace function content_tree_changed() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          update content_tree_changes set changed_in = txid_current()
           where tenant_id = old.tenant_id and part in ('', left(old.id::text, 2)) and changed_in <> txid_current();
        else
          insert into content_tree_changes (tenant_id, part, changed_in)
          values (new.tenant_id, '', txid_current()), (new.tenant_id, left(new.id::text, 2), txid_current())
          on conflict (tenant_id, part) do update set changed_in = excluded.changed_in where content_tree_changes.changed_in <> excluded.changed_in;
        end if;
        return null;
      end $$;`);
    this.addSql(`create constraint trigger content_tree_changed after insert or update or delete on content_items deferrable initially deferred for each row execute function content_tree_changed();`);
    // Every tenant has its marks from now on, so deleting an item of a tree written before this
    // migration moves them too.
    this.addSql(`insert into content_tree_changes (tenant_id, part, changed_in)
      select t.id, p.part, txid_current() from tenants t
       cross join (select '' as part union all select lpad(to_hex(n), 2, '0') from generate_series(0, 255) as n) p;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists content_tree_changed on content_items;`);
    this.addSql(`drop function if exists content_tree_changed();`);
    this.addSql(`drop table if exists "content_tree_changes" cascade;`);
  }

}
