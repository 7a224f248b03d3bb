import { Migration } from '@mikro-orm/migrations';

export class Migration20261123124046_delivery extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "destinations" ("id" varchar(40) not null, "account_id" varchar(40) not null, "campaign_id" varchar(40) null, "buyer_id" varchar(40) null, "name" varchar(200) not null, "url" text not null, "format" varchar(8) not null default 'JSON', "field_mapping" jsonb not null, "headers" jsonb not null, "timeout_ms" int not null default 10000, "success_json_path" varchar(200) null, "success_json_equals" varchar(200) null, "success_substring" varchar(200) null, "secret" varchar(80) not null, "secret_preview" varchar(16) not null, "max_attempts" int not null default 8, "active" boolean not null default true, "deleted_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "destinations_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "destinations_buyer_id_active_index" on "destinations" ("buyer_id", "active");`);
    this.addSql(`create index "destinations_campaign_id_active_index" on "destinations" ("campaign_id", "active");`);

    this.addSql(
      `create table "deliveries" ("id" varchar(40) not null, "account_id" varchar(40) not null, "lead_id" varchar(40) not null, "destination_id" varchar(40) not null, "status" varchar(16) not null default 'PENDING', "attempt_count" int not null default 0, "round_start" int not null default 0, "max_attempts" int not null, "next_attempt_at" timestamptz not null, "locked_until" timestamptz null, "claim_token" varchar(40) null, "last_error" varchar(500) null, "delivered_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "deliveries_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "deliveries_lead_id_index" on "deliveries" ("lead_id");`);
    this.addSql(`create index "deliveries_destination_id_index" on "deliveries" ("destination_id");`);
    this.addSql(`create index "deliveries_account_id_status_created_at_index" on "deliveries" ("account_id", "status", "created_at");`);
    this.addSql(`create index "deliveries_status_next_attempt_at_index" on "deliveries" ("status", "next_attempt_at");`);

    this.addSql(
      `create table "delivery_attempts" ("id" varchar(40) not null, "delivery_id" varchar(40) not null, "number" int not null, "started_at" timestamptz not null, "duration_ms" int not null, "http_status" int null, "outcome" varchar(16) not null, "error" varchar(500) null, "response_excerpt" text null, constraint "delivery_attempts_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "delivery_attempts_delivery_id_index" on "delivery_attempts" ("delivery_id");`);

    this.addSql(
      `alter table "destinations" add constraint "destinations_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "destinations" add constraint "destinations_campaign_id_foreign" foreign key ("campaign_id") references "campaigns" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "destinations" add constraint "destinations_buyer_id_foreign" foreign key ("buyer_id") references "buyers" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "deliveries" add constraint "deliveries_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "deliveries" add constraint "deliveries_lead_id_foreign" foreign key ("lead_id") references "leads" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "deliveries" add constraint "deliveries_destination_id_foreign" foreign key ("destination_id") references "destinations" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "delivery_attempts" add constraint "delivery_attempts_delivery_id_foreign" foreign key ("delivery_id") references "deliveries" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "deliveries" drop constraint "deliveries_destination_id_foreign";`);

    this.addSql(`alter table "delivery_attempts" drop constraint "delivery_attempts_delivery_id_foreign";`);

    this.addSql(`drop table if exists "destinations" cascade;`);

    this.addSql(`drop table if exists "deliveries" cascade;`);

    this.addSql(`drop table if exists "delivery_attempts" cascade;`);
  }
}
