import { Migration } from '@mikro-orm/migrations';

export class Migration20261123101902_rules_ledger extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "blocked_values" ("id" varchar(40) not null, "account_id" varchar(40) not null, "kind" varchar(8) not null, "value" varchar(254) not null, "created_at" timestamptz not null, constraint "blocked_values_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "blocked_values" add constraint "blocked_values_account_id_kind_value_unique" unique ("account_id", "kind", "value");`,
    );

    this.addSql(
      `create table "campaign_zips" ("campaign_id" varchar(40) not null, "zip" varchar(5) not null, constraint "campaign_zips_pkey" primary key ("campaign_id", "zip"));`,
    );

    this.addSql(
      `create table "ledger_cap_counters" ("scope" varchar(80) not null, "period" varchar(16) not null, "count" int not null, constraint "ledger_cap_counters_pkey" primary key ("scope", "period"));`,
    );

    this.addSql(
      `create table "ledger_dedupe_keys" ("campaign_id" varchar(40) not null, "kind" varchar(8) not null, "value_hash" varchar(64) not null, "lead_id" varchar(40) not null, "received_at" bigint not null, constraint "ledger_dedupe_keys_pkey" primary key ("campaign_id", "kind", "value_hash"));`,
    );

    this.addSql(
      `create table "idempotency_keys" ("scope" varchar(40) not null, "key" varchar(255) not null, "request_hash" varchar(64) not null, "response" jsonb not null, "created_at" bigint not null, constraint "idempotency_keys_pkey" primary key ("scope", "key"));`,
    );

    this.addSql(
      `alter table "blocked_values" add constraint "blocked_values_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "campaign_zips" add constraint "campaign_zips_campaign_id_foreign" foreign key ("campaign_id") references "campaigns" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "campaigns" add column "period_start" varchar(10) null, add column "period_end" varchar(10) null, add column "schedule" jsonb not null default '[]', add column "custom_fields" jsonb not null default '[]', add column "state_targeting" jsonb null, add column "zip_mode" varchar(8) null, add column "zip_count" int not null default 0, add column "us_ip_only" boolean not null default false, add column "consent" varchar(16) not null default 'NONE', add column "rules" jsonb not null default '[]', add column "duplicates" jsonb not null default '{"keys":["EMAIL","PHONE"],"windowDays":30}', add column "caps" jsonb not null default '{}', add column "config_version" int not null default 1;`,
    );

    this.addSql(
      `alter table "source_campaigns" add column "required_fields" jsonb not null default '[]', add column "caps" jsonb not null default '{}', add column "blocked_sub_ids" jsonb not null default '[]', add column "blocked_aff_ids" jsonb not null default '[]';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "blocked_values" cascade;`);

    this.addSql(`drop table if exists "campaign_zips" cascade;`);

    this.addSql(`drop table if exists "ledger_cap_counters" cascade;`);

    this.addSql(`drop table if exists "ledger_dedupe_keys" cascade;`);

    this.addSql(`drop table if exists "idempotency_keys" cascade;`);

    this.addSql(
      `alter table "campaigns" drop column "period_start", drop column "period_end", drop column "schedule", drop column "custom_fields", drop column "state_targeting", drop column "zip_mode", drop column "zip_count", drop column "us_ip_only", drop column "consent", drop column "rules", drop column "duplicates", drop column "caps", drop column "config_version";`,
    );

    this.addSql(
      `alter table "source_campaigns" drop column "required_fields", drop column "caps", drop column "blocked_sub_ids", drop column "blocked_aff_ids";`,
    );
  }
}
