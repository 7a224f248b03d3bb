import { Migration } from '@mikro-orm/migrations';

export class Migration20261123121941_optins extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`optin_brands\` (\`id\` text not null, \`account_id\` text not null, \`abbreviation\` text not null, \`name\` text not null, \`created_at\` datetime not null, constraint \`optin_brands_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`optin_brands_account_id_index\` on \`optin_brands\` (\`account_id\`);`);
    this.addSql(
      `create unique index \`optin_brands_account_id_abbreviation_unique\` on \`optin_brands\` (\`account_id\`, \`abbreviation\`);`,
    );

    this.addSql(
      `create table \`optin_deployment_types\` (\`id\` text not null, \`account_id\` text not null, \`brand_id\` text not null, \`type_id\` integer not null, \`name\` text not null, \`active\` integer not null default true, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`optin_deployment_types_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade, constraint \`optin_deployment_types_brand_id_foreign\` foreign key(\`brand_id\`) references \`optin_brands\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`optin_deployment_types_account_id_index\` on \`optin_deployment_types\` (\`account_id\`);`);
    this.addSql(`create index \`optin_deployment_types_brand_id_index\` on \`optin_deployment_types\` (\`brand_id\`);`);
    this.addSql(
      `create unique index \`optin_deployment_types_account_id_type_id_unique\` on \`optin_deployment_types\` (\`account_id\`, \`type_id\`);`,
    );

    this.addSql(
      `create table \`optin_app_ids\` (\`id\` text not null, \`account_id\` text not null, \`name\` text not null, \`key_hash\` text not null, \`preview\` text not null, \`created_at\` datetime not null, \`revoked_at\` datetime null, constraint \`optin_app_ids_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create unique index \`optin_app_ids_key_hash_unique\` on \`optin_app_ids\` (\`key_hash\`);`);
    this.addSql(`create index \`optin_app_ids_account_id_index\` on \`optin_app_ids\` (\`account_id\`);`);

    this.addSql(
      `create table \`optin_app_id_brands\` (\`app_id_id\` text not null, \`brand_id\` text not null, constraint \`optin_app_id_brands_app_id_id_foreign\` foreign key(\`app_id_id\`) references \`optin_app_ids\`(\`id\`) on delete cascade on update cascade, constraint \`optin_app_id_brands_brand_id_foreign\` foreign key(\`brand_id\`) references \`optin_brands\`(\`id\`) on delete cascade on update cascade, primary key (\`app_id_id\`, \`brand_id\`));`,
    );
    this.addSql(`create index \`optin_app_id_brands_app_id_id_index\` on \`optin_app_id_brands\` (\`app_id_id\`);`);
    this.addSql(`create index \`optin_app_id_brands_brand_id_index\` on \`optin_app_id_brands\` (\`brand_id\`);`);

    this.addSql(
      `create table \`optin_changes\` (\`seq\` integer not null primary key autoincrement, \`account_id\` text not null, \`brand_id\` text not null, \`deployment_type_id\` text not null, \`type_id\` integer not null, \`email\` text not null, \`previous_status\` text null, \`status\` text not null, \`source\` text not null, \`promo_code\` text null, \`level\` text not null, \`submission_id\` text not null, \`changed_at\` datetime not null, constraint \`optin_changes_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade, constraint \`optin_changes_brand_id_foreign\` foreign key(\`brand_id\`) references \`optin_brands\`(\`id\`) on update cascade, constraint \`optin_changes_deployment_type_id_foreign\` foreign key(\`deployment_type_id\`) references \`optin_deployment_types\`(\`id\`) on update cascade);`,
    );
    this.addSql(`create index \`optin_changes_account_id_index\` on \`optin_changes\` (\`account_id\`);`);
    this.addSql(`create index \`optin_changes_brand_id_index\` on \`optin_changes\` (\`brand_id\`);`);
    this.addSql(`create index \`optin_changes_deployment_type_id_index\` on \`optin_changes\` (\`deployment_type_id\`);`);
    this.addSql(`create index \`optin_changes_submission_id_index\` on \`optin_changes\` (\`submission_id\`);`);
    this.addSql(`create index \`optin_changes_account_id_email_seq_index\` on \`optin_changes\` (\`account_id\`, \`email\`, \`seq\`);`);

    this.addSql(
      `create table \`optin_statuses\` (\`id\` text not null, \`account_id\` text not null, \`brand_id\` text not null, \`deployment_type_id\` text not null, \`type_id\` integer not null, \`email\` text not null, \`status\` text not null, \`source\` text not null, \`promo_code\` text null, \`created_at\` datetime not null, \`changed_at\` datetime not null, \`submission_id\` text not null, constraint \`optin_statuses_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade, constraint \`optin_statuses_brand_id_foreign\` foreign key(\`brand_id\`) references \`optin_brands\`(\`id\`) on update cascade, constraint \`optin_statuses_deployment_type_id_foreign\` foreign key(\`deployment_type_id\`) references \`optin_deployment_types\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`optin_statuses_account_id_index\` on \`optin_statuses\` (\`account_id\`);`);
    this.addSql(`create index \`optin_statuses_brand_id_index\` on \`optin_statuses\` (\`brand_id\`);`);
    this.addSql(`create index \`optin_statuses_deployment_type_id_index\` on \`optin_statuses\` (\`deployment_type_id\`);`);
    this.addSql(`create index \`optin_statuses_account_id_email_index\` on \`optin_statuses\` (\`account_id\`, \`email\`);`);
    this.addSql(
      `create unique index \`optin_statuses_deployment_type_id_email_unique\` on \`optin_statuses\` (\`deployment_type_id\`, \`email\`);`,
    );

    this.addSql(
      `create table \`optin_submissions\` (\`id\` text not null, \`account_id\` text not null, \`queue\` text not null, \`door\` text not null, \`outcome\` text not null, \`app_id_id\` text null, \`api_key_id\` text null, \`entry_count\` integer not null, \`change_count\` integer not null, \`messages\` json not null, \`errors\` json not null, \`created_at\` datetime not null, constraint \`optin_submissions_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`optin_submissions_account_id_index\` on \`optin_submissions\` (\`account_id\`);`);
    this.addSql(
      `create index \`optin_submissions_account_id_created_at_index\` on \`optin_submissions\` (\`account_id\`, \`created_at\`);`,
    );
  }
}
