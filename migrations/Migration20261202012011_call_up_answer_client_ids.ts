import { Migration } from '@mikro-orm/migrations';

export class Migration20261202012011_call_up_answer_client_ids extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "message_recipients" add column "answer_client_id" uuid null, add column "answer_observed_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "message_recipients" drop column "answer_client_id", drop column "answer_observed_at";`);
  }

}
