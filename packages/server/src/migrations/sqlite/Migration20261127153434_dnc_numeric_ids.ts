import { Migration } from '@mikro-orm/migrations';

/** DNC numbers get numeric ids (what dialer integrations read) and keep a reason and a purpose. */
export class Migration20261127153434_dnc_numeric_ids extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`dnc_numbers__new\` (\`id\` integer not null primary key autoincrement, \`account_id\` text not null, \`scope\` text not null, \`dialer_campaign_id\` integer null, \`phone\` text not null, \`note\` text null, \`reason\` text null, \`purpose\` text null, \`created_at\` datetime not null, constraint \`dnc_numbers_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade, constraint \`dnc_numbers_dialer_campaign_id_foreign\` foreign key(\`dialer_campaign_id\`) references \`dialer_campaigns\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(
      `insert into \`dnc_numbers__new\` (\`account_id\`, \`scope\`, \`dialer_campaign_id\`, \`phone\`, \`note\`, \`created_at\`) select \`account_id\`, \`scope\`, \`dialer_campaign_id\`, \`phone\`, \`note\`, \`created_at\` from \`dnc_numbers\` order by \`created_at\`, \`id\`;`,
    );
    this.addSql(`drop table \`dnc_numbers\`;`);
    this.addSql(`alter table \`dnc_numbers__new\` rename to \`dnc_numbers\`;`);
    this.addSql(`create index \`dnc_numbers_account_id_index\` on \`dnc_numbers\` (\`account_id\`);`);
    this.addSql(`create index \`dnc_numbers_dialer_campaign_id_index\` on \`dnc_numbers\` (\`dialer_campaign_id\`);`);
    this.addSql(
      `create unique index \`dnc_numbers_account_id_scope_phone_unique\` on \`dnc_numbers\` (\`account_id\`, \`scope\`, \`phone\`);`,
    );
  }
}
