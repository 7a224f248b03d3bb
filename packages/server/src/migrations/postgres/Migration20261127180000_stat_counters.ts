import { Migration } from '@mikro-orm/migrations';
import { backfillStatCounters } from '../../modules/stats/stat-backfill.js';

/** Pre-aggregated lead counters for dashboards, backfilled from the leads already stored. */
export class Migration20261127180000_stat_counters extends Migration {
  override async up(): Promise<void> {
    await this.execute(
      `create table "lead_stat_counters" ("account_id" varchar(40) not null, "grain" varchar(1) not null, "bucket_start" bigint not null, "bucket_end" bigint not null, "campaign_id" varchar(40) not null, "source_id" varchar(40) not null, "status" varchar(16) not null, "reason_code" varchar(40) not null, "is_test" boolean not null, "slot" smallint not null, "count" bigint not null, "revenue_cents" bigint not null, constraint "lead_stat_counters_pkey" primary key ("account_id", "grain", "bucket_start", "bucket_end", "campaign_id", "source_id", "status", "reason_code", "is_test", "slot"));`,
    );
    await this.execute(
      `create table "lead_sale_counters" ("account_id" varchar(40) not null, "grain" varchar(1) not null, "bucket_start" bigint not null, "bucket_end" bigint not null, "campaign_id" varchar(40) not null, "source_id" varchar(40) not null, "buyer_id" varchar(40) not null, "slot" smallint not null, "count" bigint not null, "revenue_cents" bigint not null, constraint "lead_sale_counters_pkey" primary key ("account_id", "grain", "bucket_start", "bucket_end", "campaign_id", "source_id", "buyer_id", "slot"));`,
    );
    await this.execute(
      `create table "lead_stat_zones" ("account_id" varchar(40) not null, "zone" varchar(64) not null, constraint "lead_stat_zones_pkey" primary key ("account_id", "zone"));`,
    );
    await backfillStatCounters((sql, params) => this.execute(sql, params), 'postgresql');
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "lead_stat_counters" cascade;`);
    this.addSql(`drop table if exists "lead_sale_counters" cascade;`);
    this.addSql(`drop table if exists "lead_stat_zones" cascade;`);
  }
}
