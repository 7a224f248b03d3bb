import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The latest accepted live lead per duplicate key (campaign, kind, hash of the value). Written
 * only by the ledger's atomic upsert; the ORM entity exists for migrations.
 */
@Entity({ tableName: 'ledger_dedupe_keys' })
export class DedupeKey {
  @PrimaryKey({ type: 'string', length: 40 })
  campaignId!: string;

  @PrimaryKey({ type: 'string', length: 8 })
  kind!: string;

  /** SHA-256 (hex) of the normalized value: the ledger needs equality, not the contact data. */
  @PrimaryKey({ type: 'string', length: 64 })
  valueHash!: string;

  @Property({ type: 'string', length: 40 })
  leadId!: string;

  /** Epoch milliseconds. */
  @Property({ type: new BigIntType('number') })
  receivedAt!: number;
}

/** Accepted live leads per cap scope and calendar period; incremented only below the limit. */
@Entity({ tableName: 'ledger_cap_counters' })
export class CapCounter {
  /** e.g. `sc:<sourceCampaignId>:DAILY` or `campaign:<id>:TOTAL`. */
  @PrimaryKey({ type: 'string', length: 80 })
  scope!: string;

  /** e.g. `2026-11-23`, `2026-W48`, `2026-11`, `total`. */
  @PrimaryKey({ type: 'string', length: 16 })
  period!: string;

  @Property({ type: 'integer' })
  count!: number;
}

/** The stored decision of the first request with an idempotency key, replayed for retries. */
@Entity({ tableName: 'idempotency_keys' })
export class IdempotencyRecord {
  /** Whose key: the API key id or the source id that authenticated. */
  @PrimaryKey({ type: 'string', length: 40 })
  scope!: string;

  @PrimaryKey({ type: 'string', length: 255 })
  key!: string;

  /** SHA-256 of the canonical request, to refuse a reused key with another payload. */
  @Property({ type: 'string', length: 64 })
  requestHash!: string;

  @Property({ type: 'json' })
  response!: Record<string, unknown>;

  @Property({ type: new BigIntType('number') })
  createdAt!: number;

  /**
   * Epoch milliseconds until which a request holds this key while it runs (the generic GraphQL
   * layer, src/idempotency); null once its response is stored. The intake writes complete records.
   */
  @Property({ type: new BigIntType('number'), nullable: true })
  pendingUntil?: number | null;
}
