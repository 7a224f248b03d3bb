import { Migration } from '@mikro-orm/migrations';

/** The opt-in lookup's time zone per account, US Central (Omeda's) unless set. */
export class Migration20261127160512_optin_time_zone extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`accounts\` add column \`opt_in_time_zone\` text not null default 'America/Chicago';`);
  }
}
