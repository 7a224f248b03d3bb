import { Migration } from '@mikro-orm/migrations';

export class Migration20261123121941_optins extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "optin_brands" ("id" varchar(40) not null, "account_id" varchar(40) not null, "abbreviation" varchar(32) not null, "name" varchar(200) not null, "created_at" timestamptz not null, constraint "optin_brands_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "optin_brands" add constraint "optin_brands_account_id_abbreviation_unique" unique ("account_id", "abbreviation");`,
    );

    this.addSql(
      `create table "optin_deployment_types" ("id" varchar(40) not null, "account_id" varchar(40) not null, "brand_id" varchar(40) not null, "type_id" int not null, "name" varchar(200) not null, "active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "optin_deployment_types_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "optin_deployment_types_brand_id_index" on "optin_deployment_types" ("brand_id");`);
    this.addSql(
      `alter table "optin_deployment_types" add constraint "optin_deployment_types_account_id_type_id_unique" unique ("account_id", "type_id");`,
    );

    this.addSql(
      `create table "optin_app_ids" ("id" varchar(40) not null, "account_id" varchar(40) not null, "name" varchar(200) not null, "key_hash" varchar(64) not null, "preview" varchar(16) not null, "created_at" timestamptz not null, "revoked_at" timestamptz null, constraint "optin_app_ids_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "optin_app_ids" add constraint "optin_app_ids_key_hash_unique" unique ("key_hash");`);
    this.addSql(`create index "optin_app_ids_account_id_index" on "optin_app_ids" ("account_id");`);

    this.addSql(
      `create table "optin_app_id_brands" ("app_id_id" varchar(40) not null, "brand_id" varchar(40) not null, constraint "optin_app_id_brands_pkey" primary key ("app_id_id", "brand_id"));`,
    );

    this.addSql(
      `create table "optin_changes" ("seq" bigserial primary key, "account_id" varchar(40) not null, "brand_id" varchar(40) not null, "deployment_type_id" varchar(40) not null, "type_id" int not null, "email" varchar(254) not null, "previous_status" varchar(3) null, "status" varchar(3) not null, "source" varchar(255) not null, "promo_code" varchar(50) null, "level" varchar(16) not null, "submission_id" varchar(36) not null, "changed_at" timestamptz not null);`,
    );
    this.addSql(`create index "optin_changes_submission_id_index" on "optin_changes" ("submission_id");`);
    this.addSql(`create index "optin_changes_account_id_email_seq_index" on "optin_changes" ("account_id", "email", "seq");`);

    this.addSql(
      `create table "optin_statuses" ("id" varchar(40) not null, "account_id" varchar(40) not null, "brand_id" varchar(40) not null, "deployment_type_id" varchar(40) not null, "type_id" int not null, "email" varchar(254) not null, "status" varchar(3) not null, "source" varchar(255) not null, "promo_code" varchar(50) null, "created_at" timestamptz not null, "changed_at" timestamptz not null, "submission_id" varchar(36) not null, constraint "optin_statuses_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "optin_statuses_account_id_email_index" on "optin_statuses" ("account_id", "email");`);
    this.addSql(
      `alter table "optin_statuses" add constraint "optin_statuses_deployment_type_id_email_unique" unique ("deployment_type_id", "email");`,
    );

    this.addSql(
      `create table "optin_submissions" ("id" varchar(36) not null, "account_id" varchar(40) not null, "queue" varchar(8) not null, "door" varchar(8) not null, "outcome" varchar(8) not null, "app_id_id" varchar(40) null, "api_key_id" varchar(40) null, "entry_count" int not null, "change_count" int not null, "messages" jsonb not null, "errors" jsonb not null, "created_at" timestamptz not null, constraint "optin_submissions_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "optin_submissions_account_id_created_at_index" on "optin_submissions" ("account_id", "created_at");`);

    this.addSql(
      `alter table "optin_brands" add constraint "optin_brands_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "optin_deployment_types" add constraint "optin_deployment_types_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "optin_deployment_types" add constraint "optin_deployment_types_brand_id_foreign" foreign key ("brand_id") references "optin_brands" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "optin_app_ids" add constraint "optin_app_ids_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "optin_app_id_brands" add constraint "optin_app_id_brands_app_id_id_foreign" foreign key ("app_id_id") references "optin_app_ids" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "optin_app_id_brands" add constraint "optin_app_id_brands_brand_id_foreign" foreign key ("brand_id") references "optin_brands" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "optin_changes" add constraint "optin_changes_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "optin_changes" add constraint "optin_changes_brand_id_foreign" foreign key ("brand_id") references "optin_brands" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "optin_changes" add constraint "optin_changes_deployment_type_id_foreign" foreign key ("deployment_type_id") references "optin_deployment_types" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "optin_statuses" add constraint "optin_statuses_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "optin_statuses" add constraint "optin_statuses_brand_id_foreign" foreign key ("brand_id") references "optin_brands" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "optin_statuses" add constraint "optin_statuses_deployment_type_id_foreign" foreign key ("deployment_type_id") references "optin_deployment_types" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "optin_submissions" add constraint "optin_submissions_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "optin_deployment_types" drop constraint "optin_deployment_types_brand_id_foreign";`);

    this.addSql(`alter table "optin_app_id_brands" drop constraint "optin_app_id_brands_brand_id_foreign";`);

    this.addSql(`alter table "optin_changes" drop constraint "optin_changes_brand_id_foreign";`);

    this.addSql(`alter table "optin_statuses" drop constraint "optin_statuses_brand_id_foreign";`);

    this.addSql(`alter table "optin_changes" drop constraint "optin_changes_deployment_type_id_foreign";`);

    this.addSql(`alter table "optin_statuses" drop constraint "optin_statuses_deployment_type_id_foreign";`);

    this.addSql(`alter table "optin_app_id_brands" drop constraint "optin_app_id_brands_app_id_id_foreign";`);

    this.addSql(`drop table if exists "optin_brands" cascade;`);

    this.addSql(`drop table if exists "optin_deployment_types" cascade;`);

    this.addSql(`drop table if exists "optin_app_ids" cascade;`);

    this.addSql(`drop table if exists "optin_app_id_brands" cascade;`);

    this.addSql(`drop table if exists "optin_changes" cascade;`);

    this.addSql(`drop table if exists "optin_statuses" cascade;`);

    this.addSql(`drop table if exists "optin_submissions" cascade;`);
  }
}
