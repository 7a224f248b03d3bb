import { Migration } from '@mikro-orm/migrations';

export class Migration20261123120651_dialer extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`dialer_campaigns\` (\`id\` integer not null primary key autoincrement, \`account_id\` text not null, \`name\` text not null, \`campaign_id\` text not null, \`api_source_id\` text not null, \`created_at\` datetime not null, constraint \`dialer_campaigns_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade, constraint \`dialer_campaigns_campaign_id_foreign\` foreign key(\`campaign_id\`) references \`campaigns\`(\`id\`) on delete cascade on update cascade, constraint \`dialer_campaigns_api_source_id_foreign\` foreign key(\`api_source_id\`) references \`sources\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(`create index \`dialer_campaigns_account_id_index\` on \`dialer_campaigns\` (\`account_id\`);`);
    this.addSql(`create index \`dialer_campaigns_campaign_id_index\` on \`dialer_campaigns\` (\`campaign_id\`);`);
    this.addSql(`create index \`dialer_campaigns_api_source_id_index\` on \`dialer_campaigns\` (\`api_source_id\`);`);

    this.addSql(
      `create table \`dnc_numbers\` (\`id\` text not null, \`account_id\` text not null, \`scope\` text not null, \`dialer_campaign_id\` integer null, \`phone\` text not null, \`note\` text null, \`created_at\` datetime not null, constraint \`dnc_numbers_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade, constraint \`dnc_numbers_dialer_campaign_id_foreign\` foreign key(\`dialer_campaign_id\`) references \`dialer_campaigns\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`dnc_numbers_account_id_index\` on \`dnc_numbers\` (\`account_id\`);`);
    this.addSql(`create index \`dnc_numbers_dialer_campaign_id_index\` on \`dnc_numbers\` (\`dialer_campaign_id\`);`);
    this.addSql(
      `create unique index \`dnc_numbers_account_id_scope_phone_unique\` on \`dnc_numbers\` (\`account_id\`, \`scope\`, \`phone\`);`,
    );

    this.addSql(
      `create table \`dialer_lists\` (\`id\` integer not null primary key autoincrement, \`account_id\` text not null, \`dialer_campaign_id\` integer not null, \`name\` text not null, \`archived\` integer not null default false, \`archived_at\` datetime null, \`created_at\` datetime not null, constraint \`dialer_lists_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade, constraint \`dialer_lists_dialer_campaign_id_foreign\` foreign key(\`dialer_campaign_id\`) references \`dialer_campaigns\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(`create index \`dialer_lists_account_id_index\` on \`dialer_lists\` (\`account_id\`);`);
    this.addSql(`create index \`dialer_lists_dialer_campaign_id_index\` on \`dialer_lists\` (\`dialer_campaign_id\`);`);
    this.addSql(`create index \`dialer_lists_account_id_archived_index\` on \`dialer_lists\` (\`account_id\`, \`archived\`);`);

    this.addSql(
      `create table \`dialer_leads\` (\`id\` integer not null primary key autoincrement, \`account_id\` text not null, \`list_id\` integer not null, \`dialer_campaign_id\` integer not null, \`lead_id\` text not null, \`phone\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`dialer_leads_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade, constraint \`dialer_leads_list_id_foreign\` foreign key(\`list_id\`) references \`dialer_lists\`(\`id\`) on delete cascade on update cascade, constraint \`dialer_leads_dialer_campaign_id_foreign\` foreign key(\`dialer_campaign_id\`) references \`dialer_campaigns\`(\`id\`) on delete cascade on update cascade, constraint \`dialer_leads_lead_id_foreign\` foreign key(\`lead_id\`) references \`leads\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(`create index \`dialer_leads_account_id_index\` on \`dialer_leads\` (\`account_id\`);`);
    this.addSql(`create index \`dialer_leads_list_id_index\` on \`dialer_leads\` (\`list_id\`);`);
    this.addSql(`create index \`dialer_leads_dialer_campaign_id_index\` on \`dialer_leads\` (\`dialer_campaign_id\`);`);
    this.addSql(`create index \`dialer_leads_lead_id_index\` on \`dialer_leads\` (\`lead_id\`);`);
    this.addSql(`create unique index \`dialer_leads_lead_id_unique\` on \`dialer_leads\` (\`lead_id\`);`);
    this.addSql(`create index \`dialer_leads_dialer_campaign_id_phone_index\` on \`dialer_leads\` (\`dialer_campaign_id\`, \`phone\`);`);
    this.addSql(`create index \`dialer_leads_list_id_phone_index\` on \`dialer_leads\` (\`list_id\`, \`phone\`);`);
    this.addSql(`create index \`dialer_leads_account_id_phone_index\` on \`dialer_leads\` (\`account_id\`, \`phone\`);`);

    this.addSql(
      `create table \`hopper_entries\` (\`id\` text not null, \`account_id\` text not null, \`list_id\` integer not null, \`dialer_lead_id\` integer not null, \`priority\` integer not null, \`status\` text not null default 'WAITING', \`inserted_at\` datetime not null, \`expires_at\` datetime null, \`left_at\` datetime null, constraint \`hopper_entries_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade, constraint \`hopper_entries_list_id_foreign\` foreign key(\`list_id\`) references \`dialer_lists\`(\`id\`) on delete cascade on update cascade, constraint \`hopper_entries_dialer_lead_id_foreign\` foreign key(\`dialer_lead_id\`) references \`dialer_leads\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`hopper_entries_account_id_index\` on \`hopper_entries\` (\`account_id\`);`);
    this.addSql(`create index \`hopper_entries_list_id_index\` on \`hopper_entries\` (\`list_id\`);`);
    this.addSql(`create index \`hopper_entries_dialer_lead_id_index\` on \`hopper_entries\` (\`dialer_lead_id\`);`);
    this.addSql(`create index \`hopper_entries_dialer_lead_id_status_index\` on \`hopper_entries\` (\`dialer_lead_id\`, \`status\`);`);
    this.addSql(
      `create index \`hopper_entries_list_id_status_priority_inserted_at_index\` on \`hopper_entries\` (\`list_id\`, \`status\`, \`priority\`, \`inserted_at\`);`,
    );
  }
}
