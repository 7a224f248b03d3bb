import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A duplicate key of an imported lead waiting to enter the ledger (SQLite): a bulk import appends
 * here in each batch's transaction, then merges them into the ledger in key order. Written only by
 * the lead import's SQL; the entity exists for migrations.
 */
@Entity({ tableName: 'import_ledger_keys' })
export class ImportLedgerKey {
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  seq!: number;

  @Property({ type: 'string', length: 40 })
  campaignId!: string;

  @Property({ type: 'string', length: 8 })
  kind!: string;

  @Property({ type: 'string', length: 64 })
  valueHash!: string;

  @Property({ type: 'string', length: 40 })
  leadId!: string;

  /** Epoch milliseconds. */
  @Property({ type: new BigIntType('number') })
  receivedAt!: number;
}
