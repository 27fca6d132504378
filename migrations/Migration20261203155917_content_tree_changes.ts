import { Migration } from '@mikro-orm/migrations';

export class Migration20261203155917_content_tree_changes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "content_tree_changes" ("tenant_id" uuid not null, "changed_in" bigint not null, constraint "content_tree_changes_pkey" primary key ("tenant_id"));`);

    // The content tree's change mark (issue 19): which transaction last changed a tenant's items,
    // written for every writer of content_items (the application, a tenant file, a repair by hand).
    // A deferred constraint trigger runs at the commit, once per transaction (the later rows find
    // their transaction written already): the mark row is locked only while the change commits, so
    // two changes of one tenant never wait for each other in a cycle. It runs under the tenant the
    // transaction is bound to, as every content write does (row-level security holds). A delete
    // only moves an existing mark: offboarding deletes the tenant's mark with its items, and must
    // find nothing of the tenant afterwards.
    this.addSql(`create or replace function content_tree_changed() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          update content_tree_changes set changed_in = txid_current() where tenant_id = old.tenant_id and changed_in <> txid_current();
        else
          insert into content_tree_changes (tenant_id, changed_in) values (new.tenant_id, txid_current())
            on conflict (tenant_id) do update set changed_in = excluded.changed_in where content_tree_changes.changed_in <> excluded.changed_in;
        end if;
        return null;
      end $$;`);
    this.addSql(`create constraint trigger content_tree_changed after insert or update or delete on content_items deferrable initially deferred for each row execute function content_tree_changed();`);
    // Every tenant has a mark from now on, so deleting an item of a tree written before this
    // migration moves it too.
    this.addSql(`insert into content_tree_changes (tenant_id, changed_in) select id, txid_current() from tenants;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists content_tree_changed on content_items;`);
    this.addSql(`drop function if exists content_tree_changed();`);
    this.addSql(`drop table if exists "content_tree_changes" cascade;`);
  }

}
