import { Migration } from '@mikro-orm/migrations';
import { backfillStatCounters } from '../../modules/stats/stat-backfill.js';

/** Pre-aggregated lead counters for dashboards, backfilled from the leads already stored. */
export class Migration20261127180000_stat_counters extends Migration {
  override async up(): Promise<void> {
    await this.execute(
      `create table \`lead_stat_counters\` (\`account_id\` text not null, \`grain\` text not null, \`bucket_start\` integer not null, \`bucket_end\` integer not null, \`campaign_id\` text not null, \`source_id\` text not null, \`status\` text not null, \`reason_code\` text not null, \`is_test\` integer not null, \`slot\` integer not null, \`count\` integer not null, \`revenue_cents\` integer not null, primary key (\`account_id\`, \`grain\`, \`bucket_start\`, \`bucket_end\`, \`campaign_id\`, \`source_id\`, \`status\`, \`reason_code\`, \`is_test\`, \`slot\`)) without rowid;`,
    );
    await this.execute(
      `create table \`lead_sale_counters\` (\`account_id\` text not null, \`grain\` text not null, \`bucket_start\` integer not null, \`bucket_end\` integer not null, \`campaign_id\` text not null, \`source_id\` text not null, \`buyer_id\` text not null, \`slot\` integer not null, \`count\` integer not null, \`revenue_cents\` integer not null, primary key (\`account_id\`, \`grain\`, \`bucket_start\`, \`bucket_end\`, \`campaign_id\`, \`source_id\`, \`buyer_id\`, \`slot\`)) without rowid;`,
    );
    await this.execute(
      `create table \`lead_stat_zones\` (\`account_id\` text not null, \`zone\` text not null, primary key (\`account_id\`, \`zone\`)) without rowid;`,
    );
    await backfillStatCounters((sql, params) => this.execute(sql, params), 'sqlite');
  }
}
