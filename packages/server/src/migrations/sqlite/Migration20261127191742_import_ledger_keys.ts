import { Migration } from '@mikro-orm/migrations';

/**
 * Duplicate keys of imported leads waiting to enter the ledger: a bulk import appends here in each
 * batch's transaction (cheap), then merges them into ledger_dedupe_keys in key order (random keys
 * one by one would cost a page write each). A crash leaves them here for the next import's merge.
 */
export class Migration20261127191742_import_ledger_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`import_ledger_keys\` (\`seq\` integer not null primary key autoincrement, \`campaign_id\` text not null, \`kind\` text not null, \`value_hash\` text not null, \`lead_id\` text not null, \`received_at\` integer not null);`,
    );
  }
}
