import { Migration } from '@mikro-orm/migrations';

export class Migration20261123105003_webhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`webhook_samples\` (\`id\` text not null, \`source_campaign_id\` text not null, \`received_at\` datetime not null, \`content_type\` text not null, \`params\` json not null, constraint \`webhook_samples_source_campaign_id_foreign\` foreign key(\`source_campaign_id\`) references \`source_campaigns\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`webhook_samples_source_campaign_id_index\` on \`webhook_samples\` (\`source_campaign_id\`);`);
    this.addSql(
      `create index \`webhook_samples_source_campaign_id_received_at_index\` on \`webhook_samples\` (\`source_campaign_id\`, \`received_at\`);`,
    );

    this.addSql(`alter table \`leads\` add column \`raw\` json null;`);

    this.addSql(`alter table \`source_campaigns\` add column \`webhook_id\` text null;`);
    this.addSql(`alter table \`source_campaigns\` add column \`instructions_token\` text null;`);
    this.addSql(`alter table \`source_campaigns\` add column \`webhook_mapping\` json null;`);
    this.addSql(`create unique index \`source_campaigns_webhook_id_unique\` on \`source_campaigns\` (\`webhook_id\`);`);
    this.addSql(`create unique index \`source_campaigns_instructions_token_unique\` on \`source_campaigns\` (\`instructions_token\`);`);
    // Approvals made before this migration get their webhook id and instructions token now.
    this.addSql(
      `update \`source_campaigns\` set \`webhook_id\` = lower(hex(randomblob(16))), \`instructions_token\` = lower(hex(randomblob(16))) where \`webhook_id\` is null;`,
    );
  }
}
