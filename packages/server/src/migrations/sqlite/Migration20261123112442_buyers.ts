import { Migration } from '@mikro-orm/migrations';

export class Migration20261123112442_buyers extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`account_slug_aliases\` (\`slug\` text not null, \`account_id\` text not null, \`expires_at\` datetime not null, \`created_at\` datetime not null, constraint \`account_slug_aliases_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade, primary key (\`slug\`));`,
    );
    this.addSql(`create index \`account_slug_aliases_account_id_index\` on \`account_slug_aliases\` (\`account_id\`);`);

    this.addSql(
      `create table \`buyers\` (\`id\` text not null, \`account_id\` text not null, \`name\` text not null, \`status\` text not null default 'ACTIVE', \`price_cents\` integer not null default 0, \`price_rules\` json not null, \`filter\` json null, \`caps\` json not null, \`schedule\` json not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`buyers_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`buyers_account_id_index\` on \`buyers\` (\`account_id\`);`);
    this.addSql(`create index \`buyers_account_id_status_index\` on \`buyers\` (\`account_id\`, \`status\`);`);

    this.addSql(
      `create table \`sales\` (\`id\` text not null, \`lead_id\` text not null, \`buyer_id\` text not null, \`price_cents\` integer not null, \`created_at\` datetime not null, constraint \`sales_lead_id_foreign\` foreign key(\`lead_id\`) references \`leads\`(\`id\`) on delete cascade on update cascade, constraint \`sales_buyer_id_foreign\` foreign key(\`buyer_id\`) references \`buyers\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`sales_lead_id_index\` on \`sales\` (\`lead_id\`);`);
    this.addSql(`create index \`sales_buyer_id_index\` on \`sales\` (\`buyer_id\`);`);
    this.addSql(`create index \`sales_buyer_id_created_at_index\` on \`sales\` (\`buyer_id\`, \`created_at\`);`);
    this.addSql(`create unique index \`sales_lead_id_buyer_id_unique\` on \`sales\` (\`lead_id\`, \`buyer_id\`);`);

    this.addSql(`alter table \`campaigns\` add column \`routing\` text not null default 'NONE';`);
    this.addSql(`alter table \`campaigns\` add column \`max_buyers_per_lead\` integer not null default 1;`);
    this.addSql(`alter table \`campaigns\` add column \`pending_max_age_hours\` integer not null default 72;`);
  }
}
