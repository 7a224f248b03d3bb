import { Migration } from '@mikro-orm/migrations';

/** Idempotency records can be claimed while their request runs (the generic GraphQL layer). */
export class Migration20261127170000_idempotency_claims extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "idempotency_keys" add column "pending_until" bigint null;`);
  }
}
