import { Migration } from '@mikro-orm/migrations';

export class Migration20261123101902_rules_ledger extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`blocked_values\` (\`id\` text not null, \`account_id\` text not null, \`kind\` text not null, \`value\` text not null, \`created_at\` datetime not null, constraint \`blocked_values_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`blocked_values_account_id_index\` on \`blocked_values\` (\`account_id\`);`);
    this.addSql(
      `create unique index \`blocked_values_account_id_kind_value_unique\` on \`blocked_values\` (\`account_id\`, \`kind\`, \`value\`);`,
    );

    this.addSql(
      `create table \`campaign_zips\` (\`campaign_id\` text not null, \`zip\` text not null, constraint \`campaign_zips_campaign_id_foreign\` foreign key(\`campaign_id\`) references \`campaigns\`(\`id\`) on delete cascade on update cascade, primary key (\`campaign_id\`, \`zip\`));`,
    );
    this.addSql(`create index \`campaign_zips_campaign_id_index\` on \`campaign_zips\` (\`campaign_id\`);`);

    this.addSql(
      `create table \`ledger_cap_counters\` (\`scope\` text not null, \`period\` text not null, \`count\` integer not null, primary key (\`scope\`, \`period\`));`,
    );

    this.addSql(
      `create table \`ledger_dedupe_keys\` (\`campaign_id\` text not null, \`kind\` text not null, \`value_hash\` text not null, \`lead_id\` text not null, \`received_at\` bigint not null, primary key (\`campaign_id\`, \`kind\`, \`value_hash\`));`,
    );

    this.addSql(
      `create table \`idempotency_keys\` (\`scope\` text not null, \`key\` text not null, \`request_hash\` text not null, \`response\` json not null, \`created_at\` bigint not null, primary key (\`scope\`, \`key\`));`,
    );

    this.addSql(`alter table \`campaigns\` add column \`period_start\` text null;`);
    this.addSql(`alter table \`campaigns\` add column \`period_end\` text null;`);
    this.addSql(`alter table \`campaigns\` add column \`schedule\` json not null default '[]';`);
    this.addSql(`alter table \`campaigns\` add column \`custom_fields\` json not null default '[]';`);
    this.addSql(`alter table \`campaigns\` add column \`state_targeting\` json null;`);
    this.addSql(`alter table \`campaigns\` add column \`zip_mode\` text null;`);
    this.addSql(`alter table \`campaigns\` add column \`zip_count\` integer not null default 0;`);
    this.addSql(`alter table \`campaigns\` add column \`us_ip_only\` integer not null default false;`);
    this.addSql(`alter table \`campaigns\` add column \`consent\` text not null default 'NONE';`);
    this.addSql(`alter table \`campaigns\` add column \`rules\` json not null default '[]';`);
    this.addSql(`alter table \`campaigns\` add column \`duplicates\` json not null default '{"keys":["EMAIL","PHONE"],"windowDays":30}';`);
    this.addSql(`alter table \`campaigns\` add column \`caps\` json not null default '{}';`);
    this.addSql(`alter table \`campaigns\` add column \`config_version\` integer not null default 1;`);

    this.addSql(`alter table \`source_campaigns\` add column \`required_fields\` json not null default '[]';`);
    this.addSql(`alter table \`source_campaigns\` add column \`caps\` json not null default '{}';`);
    this.addSql(`alter table \`source_campaigns\` add column \`blocked_sub_ids\` json not null default '[]';`);
    this.addSql(`alter table \`source_campaigns\` add column \`blocked_aff_ids\` json not null default '[]';`);
  }
}
