import { Migration } from '@mikro-orm/migrations';

export class Migration20261123120651_dialer extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "dialer_campaigns" ("id" serial primary key, "account_id" varchar(40) not null, "name" varchar(200) not null, "campaign_id" varchar(40) not null, "api_source_id" varchar(40) not null, "created_at" timestamptz not null);`,
    );

    this.addSql(
      `create table "dnc_numbers" ("id" varchar(40) not null, "account_id" varchar(40) not null, "scope" varchar(40) not null, "dialer_campaign_id" int null, "phone" varchar(32) not null, "note" varchar(500) null, "created_at" timestamptz not null, constraint "dnc_numbers_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "dnc_numbers" add constraint "dnc_numbers_account_id_scope_phone_unique" unique ("account_id", "scope", "phone");`,
    );

    this.addSql(
      `create table "dialer_lists" ("id" serial primary key, "account_id" varchar(40) not null, "dialer_campaign_id" int not null, "name" varchar(200) not null, "archived" boolean not null default false, "archived_at" timestamptz null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "dialer_lists_account_id_archived_index" on "dialer_lists" ("account_id", "archived");`);

    this.addSql(
      `create table "dialer_leads" ("id" serial primary key, "account_id" varchar(40) not null, "list_id" int not null, "dialer_campaign_id" int not null, "lead_id" varchar(40) not null, "phone" varchar(32) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`alter table "dialer_leads" add constraint "dialer_leads_lead_id_unique" unique ("lead_id");`);
    this.addSql(`create index "dialer_leads_dialer_campaign_id_phone_index" on "dialer_leads" ("dialer_campaign_id", "phone");`);
    this.addSql(`create index "dialer_leads_list_id_phone_index" on "dialer_leads" ("list_id", "phone");`);
    this.addSql(`create index "dialer_leads_account_id_phone_index" on "dialer_leads" ("account_id", "phone");`);

    this.addSql(
      `create table "hopper_entries" ("id" varchar(40) not null, "account_id" varchar(40) not null, "list_id" int not null, "dialer_lead_id" int not null, "priority" int not null, "status" varchar(16) not null default 'WAITING', "inserted_at" timestamptz not null, "expires_at" timestamptz null, "left_at" timestamptz null, constraint "hopper_entries_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "hopper_entries_dialer_lead_id_status_index" on "hopper_entries" ("dialer_lead_id", "status");`);
    this.addSql(
      `create index "hopper_entries_list_id_status_priority_inserted_at_index" on "hopper_entries" ("list_id", "status", "priority", "inserted_at");`,
    );

    this.addSql(
      `alter table "dialer_campaigns" add constraint "dialer_campaigns_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "dialer_campaigns" add constraint "dialer_campaigns_campaign_id_foreign" foreign key ("campaign_id") references "campaigns" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "dialer_campaigns" add constraint "dialer_campaigns_api_source_id_foreign" foreign key ("api_source_id") references "sources" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "dnc_numbers" add constraint "dnc_numbers_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "dnc_numbers" add constraint "dnc_numbers_dialer_campaign_id_foreign" foreign key ("dialer_campaign_id") references "dialer_campaigns" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "dialer_lists" add constraint "dialer_lists_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "dialer_lists" add constraint "dialer_lists_dialer_campaign_id_foreign" foreign key ("dialer_campaign_id") references "dialer_campaigns" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "dialer_leads" add constraint "dialer_leads_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "dialer_leads" add constraint "dialer_leads_list_id_foreign" foreign key ("list_id") references "dialer_lists" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "dialer_leads" add constraint "dialer_leads_dialer_campaign_id_foreign" foreign key ("dialer_campaign_id") references "dialer_campaigns" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "dialer_leads" add constraint "dialer_leads_lead_id_foreign" foreign key ("lead_id") references "leads" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "hopper_entries" add constraint "hopper_entries_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "hopper_entries" add constraint "hopper_entries_list_id_foreign" foreign key ("list_id") references "dialer_lists" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "hopper_entries" add constraint "hopper_entries_dialer_lead_id_foreign" foreign key ("dialer_lead_id") references "dialer_leads" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "dnc_numbers" drop constraint "dnc_numbers_dialer_campaign_id_foreign";`);

    this.addSql(`alter table "dialer_lists" drop constraint "dialer_lists_dialer_campaign_id_foreign";`);

    this.addSql(`alter table "dialer_leads" drop constraint "dialer_leads_dialer_campaign_id_foreign";`);

    this.addSql(`alter table "dialer_leads" drop constraint "dialer_leads_list_id_foreign";`);

    this.addSql(`alter table "hopper_entries" drop constraint "hopper_entries_list_id_foreign";`);

    this.addSql(`alter table "hopper_entries" drop constraint "hopper_entries_dialer_lead_id_foreign";`);

    this.addSql(`drop table if exists "dialer_campaigns" cascade;`);

    this.addSql(`drop table if exists "dnc_numbers" cascade;`);

    this.addSql(`drop table if exists "dialer_lists" cascade;`);

    this.addSql(`drop table if exists "dialer_leads" cascade;`);

    this.addSql(`drop table if exists "hopper_entries" cascade;`);
  }
}
