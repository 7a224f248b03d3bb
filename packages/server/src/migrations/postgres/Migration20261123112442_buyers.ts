import { Migration } from '@mikro-orm/migrations';

export class Migration20261123112442_buyers extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "account_slug_aliases" ("slug" varchar(64) not null, "account_id" varchar(40) not null, "expires_at" timestamptz not null, "created_at" timestamptz not null, constraint "account_slug_aliases_pkey" primary key ("slug"));`,
    );
    this.addSql(`create index "account_slug_aliases_account_id_index" on "account_slug_aliases" ("account_id");`);

    this.addSql(
      `create table "buyers" ("id" varchar(40) not null, "account_id" varchar(40) not null, "name" varchar(200) not null, "status" varchar(16) not null default 'ACTIVE', "price_cents" int not null default 0, "price_rules" jsonb not null, "filter" jsonb null, "caps" jsonb not null, "schedule" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "buyers_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "buyers_account_id_status_index" on "buyers" ("account_id", "status");`);

    this.addSql(
      `create table "sales" ("id" varchar(40) not null, "lead_id" varchar(40) not null, "buyer_id" varchar(40) not null, "price_cents" int not null, "created_at" timestamptz not null, constraint "sales_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "sales_buyer_id_created_at_index" on "sales" ("buyer_id", "created_at");`);
    this.addSql(`alter table "sales" add constraint "sales_lead_id_buyer_id_unique" unique ("lead_id", "buyer_id");`);

    this.addSql(
      `alter table "account_slug_aliases" add constraint "account_slug_aliases_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "buyers" add constraint "buyers_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "sales" add constraint "sales_lead_id_foreign" foreign key ("lead_id") references "leads" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "sales" add constraint "sales_buyer_id_foreign" foreign key ("buyer_id") references "buyers" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "campaigns" add column "routing" varchar(8) not null default 'NONE', add column "max_buyers_per_lead" int not null default 1, add column "pending_max_age_hours" int not null default 72;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "sales" drop constraint "sales_buyer_id_foreign";`);

    this.addSql(`drop table if exists "account_slug_aliases" cascade;`);

    this.addSql(`drop table if exists "buyers" cascade;`);

    this.addSql(`drop table if exists "sales" cascade;`);

    this.addSql(`alter table "campaigns" drop column "routing", drop column "max_buyers_per_lead", drop column "pending_max_age_hours";`);
  }
}
