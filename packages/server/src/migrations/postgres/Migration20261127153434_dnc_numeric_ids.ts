import { Migration } from '@mikro-orm/migrations';

/** DNC numbers get numeric ids (what dialer integrations read) and keep a reason and a purpose. */
export class Migration20261127153434_dnc_numeric_ids extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "dnc_numbers" rename to "dnc_numbers_old";`);
    this.addSql(`alter table "dnc_numbers_old" rename constraint "dnc_numbers_pkey" to "dnc_numbers_old_pkey";`);
    this.addSql(`alter table "dnc_numbers_old" rename constraint "dnc_numbers_account_id_scope_phone_unique" to "dnc_numbers_old_unique";`);
    this.addSql(
      `alter table "dnc_numbers_old" rename constraint "dnc_numbers_account_id_foreign" to "dnc_numbers_old_account_id_foreign";`,
    );
    this.addSql(
      `alter table "dnc_numbers_old" rename constraint "dnc_numbers_dialer_campaign_id_foreign" to "dnc_numbers_old_dialer_campaign_id_foreign";`,
    );
    this.addSql(
      `create table "dnc_numbers" ("id" serial primary key, "account_id" varchar(40) not null, "scope" varchar(40) not null, "dialer_campaign_id" int null, "phone" varchar(32) not null, "note" varchar(500) null, "reason" varchar(100) null, "purpose" varchar(100) null, "created_at" timestamptz not null);`,
    );
    this.addSql(
      `alter table "dnc_numbers" add constraint "dnc_numbers_account_id_scope_phone_unique" unique ("account_id", "scope", "phone");`,
    );
    this.addSql(
      `alter table "dnc_numbers" add constraint "dnc_numbers_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "dnc_numbers" add constraint "dnc_numbers_dialer_campaign_id_foreign" foreign key ("dialer_campaign_id") references "dialer_campaigns" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `insert into "dnc_numbers" ("account_id", "scope", "dialer_campaign_id", "phone", "note", "created_at") select "account_id", "scope", "dialer_campaign_id", "phone", "note", "created_at" from "dnc_numbers_old" order by "created_at", "id";`,
    );
    this.addSql(`drop table "dnc_numbers_old";`);
  }
}
