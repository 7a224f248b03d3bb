import { Migration } from '@mikro-orm/migrations';

export class Migration20261123100252_init extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "accounts" ("id" varchar(40) not null, "code" varchar(8) not null, "slug" varchar(64) not null, "name" varchar(200) not null, "time_zone" varchar(64) not null, "created_at" timestamptz not null, constraint "accounts_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "accounts" add constraint "accounts_code_unique" unique ("code");`);
    this.addSql(`alter table "accounts" add constraint "accounts_slug_unique" unique ("slug");`);

    this.addSql(
      `create table "campaigns" ("id" varchar(40) not null, "account_id" varchar(40) not null, "name" varchar(200) not null, "category" varchar(100) not null, "status" varchar(16) not null default 'ACTIVE', "time_zone" varchar(64) not null, "required_fields" jsonb not null, "default_price_cents" int not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "campaigns_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "campaigns_account_id_category_index" on "campaigns" ("account_id", "category");`);

    this.addSql(
      `create table "sources" ("id" varchar(40) not null, "account_id" varchar(40) not null, "name" varchar(200) not null, "auth_key_hash" varchar(64) not null, "auth_key_preview" varchar(16) not null, "created_at" timestamptz not null, constraint "sources_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "leads" ("id" varchar(40) not null, "account_id" varchar(40) not null, "campaign_id" varchar(40) not null, "source_id" varchar(40) not null, "status" varchar(16) not null, "reason_code" varchar(40) null, "reason_message" varchar(500) not null default '', "price_cents" int not null default 0, "is_test" boolean not null default false, "door" varchar(16) not null, "received_at" timestamptz not null, "first" varchar(100) null, "last" varchar(100) null, "email" varchar(254) null, "phone" varchar(32) null, "address" varchar(200) null, "city" varchar(100) null, "state" varchar(32) null, "zip" varchar(16) null, "ip" varchar(64) null, "sub_id" varchar(100) null, "aff_id" varchar(100) null, "trusted_form_cert_url" varchar(500) null, "jornaya_lead_id" varchar(100) null, "extra" jsonb not null, "trace" jsonb not null, constraint "leads_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "leads_source_id_received_at_index" on "leads" ("source_id", "received_at");`);
    this.addSql(`create index "leads_campaign_id_received_at_index" on "leads" ("campaign_id", "received_at");`);
    this.addSql(`create index "leads_account_id_received_at_index" on "leads" ("account_id", "received_at");`);

    this.addSql(
      `create table "api_keys" ("id" varchar(40) not null, "account_id" varchar(40) null, "role" varchar(16) not null, "source_id" varchar(40) null, "name" varchar(200) not null, "key_hash" varchar(64) not null, "preview" varchar(16) not null, "created_at" timestamptz not null, "revoked_at" timestamptz null, constraint "api_keys_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "api_keys" add constraint "api_keys_key_hash_unique" unique ("key_hash");`);

    this.addSql(
      `create table "source_campaigns" ("id" varchar(40) not null, "source_id" varchar(40) not null, "campaign_id" varchar(40) not null, "active" boolean not null default true, "price_cents" int null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "source_campaigns_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "source_campaigns" add constraint "source_campaigns_source_id_campaign_id_unique" unique ("source_id", "campaign_id");`,
    );

    this.addSql(
      `alter table "campaigns" add constraint "campaigns_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "sources" add constraint "sources_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "leads" add constraint "leads_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "leads" add constraint "leads_campaign_id_foreign" foreign key ("campaign_id") references "campaigns" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "leads" add constraint "leads_source_id_foreign" foreign key ("source_id") references "sources" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "api_keys" add constraint "api_keys_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "api_keys" add constraint "api_keys_source_id_foreign" foreign key ("source_id") references "sources" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "source_campaigns" add constraint "source_campaigns_source_id_foreign" foreign key ("source_id") references "sources" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "source_campaigns" add constraint "source_campaigns_campaign_id_foreign" foreign key ("campaign_id") references "campaigns" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "campaigns" drop constraint "campaigns_account_id_foreign";`);

    this.addSql(`alter table "sources" drop constraint "sources_account_id_foreign";`);

    this.addSql(`alter table "leads" drop constraint "leads_account_id_foreign";`);

    this.addSql(`alter table "api_keys" drop constraint "api_keys_account_id_foreign";`);

    this.addSql(`alter table "leads" drop constraint "leads_campaign_id_foreign";`);

    this.addSql(`alter table "source_campaigns" drop constraint "source_campaigns_campaign_id_foreign";`);

    this.addSql(`alter table "leads" drop constraint "leads_source_id_foreign";`);

    this.addSql(`alter table "api_keys" drop constraint "api_keys_source_id_foreign";`);

    this.addSql(`alter table "source_campaigns" drop constraint "source_campaigns_source_id_foreign";`);

    this.addSql(`drop table if exists "accounts" cascade;`);

    this.addSql(`drop table if exists "campaigns" cascade;`);

    this.addSql(`drop table if exists "sources" cascade;`);

    this.addSql(`drop table if exists "leads" cascade;`);

    this.addSql(`drop table if exists "api_keys" cascade;`);

    this.addSql(`drop table if exists "source_campaigns" cascade;`);
  }
}
