import { Migration } from '@mikro-orm/migrations';

export class Migration20261123112356_rate_limit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`api_keys\` add column \`rate_limit_per_minute\` integer null;`);
  }
}
