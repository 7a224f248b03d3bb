import { Migration } from '@mikro-orm/migrations';

/** Imported leads' keys now wait in the importer's temp database: the table is no longer used. */
export class Migration20261127193000_drop_import_ledger_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop table if exists \`import_ledger_keys\`;`);
  }
}
