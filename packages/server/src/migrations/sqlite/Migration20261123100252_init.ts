import { Migration } from '@mikro-orm/migrations';

export class Migration20261123100252_init extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`accounts\` (\`id\` text not null, \`code\` text not null, \`slug\` text not null, \`name\` text not null, \`time_zone\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`,
    );
    this.addSql(`create unique index \`accounts_code_unique\` on \`accounts\` (\`code\`);`);
    this.addSql(`create unique index \`accounts_slug_unique\` on \`accounts\` (\`slug\`);`);

    this.addSql(
      `create table \`campaigns\` (\`id\` text not null, \`account_id\` text not null, \`name\` text not null, \`category\` text not null, \`status\` text not null default 'ACTIVE', \`time_zone\` text not null, \`required_fields\` json not null, \`default_price_cents\` integer not null default 0, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`campaigns_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`campaigns_account_id_index\` on \`campaigns\` (\`account_id\`);`);
    this.addSql(`create index \`campaigns_account_id_category_index\` on \`campaigns\` (\`account_id\`, \`category\`);`);

    this.addSql(
      `create table \`sources\` (\`id\` text not null, \`account_id\` text not null, \`name\` text not null, \`auth_key_hash\` text not null, \`auth_key_preview\` text not null, \`created_at\` datetime not null, constraint \`sources_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`sources_account_id_index\` on \`sources\` (\`account_id\`);`);

    this.addSql(
      `create table \`leads\` (\`id\` text not null, \`account_id\` text not null, \`campaign_id\` text not null, \`source_id\` text not null, \`status\` text not null, \`reason_code\` text null, \`reason_message\` text not null default '', \`price_cents\` integer not null default 0, \`is_test\` integer not null default false, \`door\` text not null, \`received_at\` datetime not null, \`first\` text null, \`last\` text null, \`email\` text null, \`phone\` text null, \`address\` text null, \`city\` text null, \`state\` text null, \`zip\` text null, \`ip\` text null, \`sub_id\` text null, \`aff_id\` text null, \`trusted_form_cert_url\` text null, \`jornaya_lead_id\` text null, \`extra\` json not null, \`trace\` json not null, constraint \`leads_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade, constraint \`leads_campaign_id_foreign\` foreign key(\`campaign_id\`) references \`campaigns\`(\`id\`) on delete cascade on update cascade, constraint \`leads_source_id_foreign\` foreign key(\`source_id\`) references \`sources\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`leads_account_id_index\` on \`leads\` (\`account_id\`);`);
    this.addSql(`create index \`leads_campaign_id_index\` on \`leads\` (\`campaign_id\`);`);
    this.addSql(`create index \`leads_source_id_index\` on \`leads\` (\`source_id\`);`);
    this.addSql(`create index \`leads_source_id_received_at_index\` on \`leads\` (\`source_id\`, \`received_at\`);`);
    this.addSql(`create index \`leads_campaign_id_received_at_index\` on \`leads\` (\`campaign_id\`, \`received_at\`);`);
    this.addSql(`create index \`leads_account_id_received_at_index\` on \`leads\` (\`account_id\`, \`received_at\`);`);

    this.addSql(
      `create table \`api_keys\` (\`id\` text not null, \`account_id\` text null, \`role\` text not null, \`source_id\` text null, \`name\` text not null, \`key_hash\` text not null, \`preview\` text not null, \`created_at\` datetime not null, \`revoked_at\` datetime null, constraint \`api_keys_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade, constraint \`api_keys_source_id_foreign\` foreign key(\`source_id\`) references \`sources\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`api_keys_account_id_index\` on \`api_keys\` (\`account_id\`);`);
    this.addSql(`create index \`api_keys_source_id_index\` on \`api_keys\` (\`source_id\`);`);
    this.addSql(`create unique index \`api_keys_key_hash_unique\` on \`api_keys\` (\`key_hash\`);`);

    this.addSql(
      `create table \`source_campaigns\` (\`id\` text not null, \`source_id\` text not null, \`campaign_id\` text not null, \`active\` integer not null default true, \`price_cents\` integer null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`source_campaigns_source_id_foreign\` foreign key(\`source_id\`) references \`sources\`(\`id\`) on delete cascade on update cascade, constraint \`source_campaigns_campaign_id_foreign\` foreign key(\`campaign_id\`) references \`campaigns\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`source_campaigns_source_id_index\` on \`source_campaigns\` (\`source_id\`);`);
    this.addSql(`create index \`source_campaigns_campaign_id_index\` on \`source_campaigns\` (\`campaign_id\`);`);
    this.addSql(
      `create unique index \`source_campaigns_source_id_campaign_id_unique\` on \`source_campaigns\` (\`source_id\`, \`campaign_id\`);`,
    );
  }
}
