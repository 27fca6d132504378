import { Migration } from '@mikro-orm/migrations';

export class Migration20261202013500_call_up_reminders extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "call_up_waves" add column "remind" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "call_up_waves" drop column "remind";`);
  }

}
