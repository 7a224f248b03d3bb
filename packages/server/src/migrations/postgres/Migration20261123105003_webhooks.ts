import { Migration } from '@mikro-orm/migrations';

export class Migration20261123105003_webhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "webhook_samples" ("id" varchar(40) not null, "source_campaign_id" varchar(40) not null, "received_at" timestamptz not null, "content_type" varchar(100) not null, "params" jsonb not null, constraint "webhook_samples_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "webhook_samples_source_campaign_id_received_at_index" on "webhook_samples" ("source_campaign_id", "received_at");`,
    );
    this.addSql(
      `alter table "webhook_samples" add constraint "webhook_samples_source_campaign_id_foreign" foreign key ("source_campaign_id") references "source_campaigns" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`alter table "leads" add column "raw" jsonb null;`);
    this.addSql(
      `alter table "source_campaigns" add column "webhook_id" varchar(40) null, add column "instructions_token" varchar(40) null, add column "webhook_mapping" jsonb null;`,
    );
    this.addSql(`alter table "source_campaigns" add constraint "source_campaigns_webhook_id_unique" unique ("webhook_id");`);
    this.addSql(
      `alter table "source_campaigns" add constraint "source_campaigns_instructions_token_unique" unique ("instructions_token");`,
    );
    // Approvals made before this migration get their webhook id and instructions token now.
    this.addSql(
      `update "source_campaigns" set "webhook_id" = replace(gen_random_uuid()::text, '-', ''), "instructions_token" = replace(gen_random_uuid()::text, '-', '') where "webhook_id" is null;`,
    );
  }
}
