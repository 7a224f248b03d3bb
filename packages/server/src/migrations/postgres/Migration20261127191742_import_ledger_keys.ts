import { Migration } from '@mikro-orm/migrations';

/**
 * Duplicate keys of imported leads waiting to enter the ledger (see the SQLite migration); on
 * PostgreSQL imports write the ledger directly, so this stays empty.
 */
export class Migration20261127191742_import_ledger_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "import_ledger_keys" ("seq" bigserial primary key, "campaign_id" varchar(40) not null, "kind" varchar(8) not null, "value_hash" varchar(64) not null, "lead_id" varchar(40) not null, "received_at" bigint not null);`,
    );
  }
}
