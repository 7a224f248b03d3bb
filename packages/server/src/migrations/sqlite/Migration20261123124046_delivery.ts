import { Migration } from '@mikro-orm/migrations';

export class Migration20261123124046_delivery extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`destinations\` (\`id\` text not null, \`account_id\` text not null, \`campaign_id\` text null, \`buyer_id\` text null, \`name\` text not null, \`url\` text not null, \`format\` text not null default 'JSON', \`field_mapping\` json not null, \`headers\` json not null, \`timeout_ms\` integer not null default 10000, \`success_json_path\` text null, \`success_json_equals\` text null, \`success_substring\` text null, \`secret\` text not null, \`secret_preview\` text not null, \`max_attempts\` integer not null default 8, \`active\` integer not null default true, \`deleted_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`destinations_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade, constraint \`destinations_campaign_id_foreign\` foreign key(\`campaign_id\`) references \`campaigns\`(\`id\`) on delete cascade on update cascade, constraint \`destinations_buyer_id_foreign\` foreign key(\`buyer_id\`) references \`buyers\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`destinations_account_id_index\` on \`destinations\` (\`account_id\`);`);
    this.addSql(`create index \`destinations_campaign_id_index\` on \`destinations\` (\`campaign_id\`);`);
    this.addSql(`create index \`destinations_buyer_id_index\` on \`destinations\` (\`buyer_id\`);`);
    this.addSql(`create index \`destinations_buyer_id_active_index\` on \`destinations\` (\`buyer_id\`, \`active\`);`);
    this.addSql(`create index \`destinations_campaign_id_active_index\` on \`destinations\` (\`campaign_id\`, \`active\`);`);

    this.addSql(
      `create table \`deliveries\` (\`id\` text not null, \`account_id\` text not null, \`lead_id\` text not null, \`destination_id\` text not null, \`status\` text not null default 'PENDING', \`attempt_count\` integer not null default 0, \`round_start\` integer not null default 0, \`max_attempts\` integer not null, \`next_attempt_at\` datetime not null, \`locked_until\` datetime null, \`claim_token\` text null, \`last_error\` text null, \`delivered_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`deliveries_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade, constraint \`deliveries_lead_id_foreign\` foreign key(\`lead_id\`) references \`leads\`(\`id\`) on delete cascade on update cascade, constraint \`deliveries_destination_id_foreign\` foreign key(\`destination_id\`) references \`destinations\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`deliveries_account_id_index\` on \`deliveries\` (\`account_id\`);`);
    this.addSql(`create index \`deliveries_lead_id_index\` on \`deliveries\` (\`lead_id\`);`);
    this.addSql(`create index \`deliveries_destination_id_index\` on \`deliveries\` (\`destination_id\`);`);
    this.addSql(
      `create index \`deliveries_account_id_status_created_at_index\` on \`deliveries\` (\`account_id\`, \`status\`, \`created_at\`);`,
    );
    this.addSql(`create index \`deliveries_status_next_attempt_at_index\` on \`deliveries\` (\`status\`, \`next_attempt_at\`);`);

    this.addSql(
      `create table \`delivery_attempts\` (\`id\` text not null, \`delivery_id\` text not null, \`number\` integer not null, \`started_at\` datetime not null, \`duration_ms\` integer not null, \`http_status\` integer null, \`outcome\` text not null, \`error\` text null, \`response_excerpt\` text null, constraint \`delivery_attempts_delivery_id_foreign\` foreign key(\`delivery_id\`) references \`deliveries\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`delivery_attempts_delivery_id_index\` on \`delivery_attempts\` (\`delivery_id\`);`);
  }
}
