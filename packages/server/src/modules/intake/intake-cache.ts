import type { EntityManager } from '@mikro-orm/core';
import { LRUCache } from 'lru-cache';
import { findSeller } from '../accounts/index.js';
import { BlockedValue } from '../blocks/blocked-value.entity.js';
import { Buyer, BuyerStatus } from '../buyers/index.js';
import { CampaignStatus } from '../campaigns/campaign-status.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { Destination } from '../delivery/destination.entity.js';
import { SourceCampaign } from '../sources/source-campaign.entity.js';
import { Source } from '../sources/source.entity.js';
import type { ConfigChanges } from '../../shared/config-changes.js';
import { isRecordId } from '../../shared/ids.js';
import { SnapshotCache, type CampaignSnapshot } from './campaign-snapshot.js';

/** Options for {@link IntakeCache}. */
export interface IntakeCacheOptions {
  /**
   * How long a loaded campaign, source, approval or block-list size is reused, default `2000` ms.
   * Changes made through this gateway apply at once (the services invalidate); changes made
   * through another gateway sharing the database apply within this time. `0` turns caching off.
   */
  ttlMs?: number;
}

/** A campaign as the intake needs it: the row (with its account loaded) and its compiled rules. */
export interface CampaignEntry {
  campaign: Campaign;
  accountCode: string;
  accountTimeZone: string;
  snapshot: CampaignSnapshot;
  /** The campaign's active destinations: each accepted live lead gets a delivery to each. */
  destinations: Destination[];
}

/** An account's ACTIVE buyers (by id) and the active destinations of each, as routing needs them. */
export interface BuyersEntry {
  buyers: Buyer[];
  destinations: ReadonlyMap<string, Destination[]>;
}

const MISSING = Symbol('missing');

/**
 * The configuration rows every lead reads, kept for a moment so the submit path does not query
 * them again for each lead. Caps and duplicates are never cached: they live in the ledger.
 * Rows are loaded through a private EntityManager fork, so a mutation later in the same request
 * edits its own copy, never the cached one; nothing on the submit path changes them. Ids that
 * could not have been issued are refused before any lookup, so junk keys cannot fill the cache.
 */
export class IntakeCache implements ConfigChanges {
  private readonly ttlMs: number;
  private readonly campaigns: LRUCache<string, CampaignEntry | typeof MISSING>;
  private readonly sources: LRUCache<string, Source | typeof MISSING>;
  private readonly approvals: LRUCache<string, SourceCampaign | typeof MISSING>;
  private readonly blockCounts: LRUCache<string, number>;
  private readonly buyerEntries: LRUCache<string, BuyersEntry>;
  private readonly sellerCampaigns: LRUCache<string, string | typeof MISSING>;
  private readonly sellers: LRUCache<string, string | typeof MISSING>;
  private readonly snapshots = new SnapshotCache();

  constructor(options: IntakeCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 2000;
    const make = <V extends {}>() => new LRUCache<string, V>({ max: 10_000, ttl: Math.max(this.ttlMs, 1) });
    this.campaigns = make();
    this.sources = make();
    this.approvals = make();
    this.blockCounts = make();
    this.buyerEntries = make();
    this.sellerCampaigns = make();
    this.sellers = make();
  }

  async campaign(em: EntityManager, id: string): Promise<CampaignEntry | null> {
    if (!isRecordId(id)) return null;
    return this.read(this.campaigns, id, async () => {
      const campaign = await em.fork().findOne(Campaign, { id }, { populate: ['account'] });
      if (!campaign) return null;
      const account = campaign.account.getEntity();
      const destinations = await em.fork().find(Destination, { campaign: id, active: true, deletedAt: null }, { orderBy: { id: 'asc' } });
      return {
        campaign,
        accountCode: account.code,
        accountTimeZone: account.timeZone,
        snapshot: await this.snapshots.get(em, campaign),
        destinations,
      };
    });
  }

  async source(em: EntityManager, accountId: string, id: string): Promise<Source | null> {
    if (!isRecordId(id)) return null;
    return this.read(this.sources, `${accountId}:${id}`, () => em.fork().findOne(Source, { id, account: accountId }));
  }

  async approval(em: EntityManager, sourceId: string, campaignId: string): Promise<SourceCampaign | null> {
    return this.read(this.approvals, `${sourceId}:${campaignId}`, () =>
      em.fork().findOne(SourceCampaign, { source: sourceId, campaign: campaignId }),
    );
  }

  /** How many values the account blocks, so leads of accounts without a block list skip the lookup. */
  async blockCount(em: EntityManager, accountId: string): Promise<number> {
    const cached = this.ttlMs > 0 ? this.blockCounts.get(accountId) : undefined;
    if (cached !== undefined) return cached;
    const count = await em.count(BlockedValue, { account: accountId });
    if (this.ttlMs > 0) this.blockCounts.set(accountId, count);
    return count;
  }

  /** The id of the account a marketplace post's seller names (its code, slug or a recent former slug), or null. */
  seller(em: EntityManager, codeOrSlug: string, now: Date): Promise<string | null> {
    return this.read(this.sellers, codeOrSlug.trim().toLowerCase(), async () => (await findSeller(em.fork(), codeOrSlug, now))?.id ?? null);
  }

  /** The id of the account's oldest ACTIVE campaign of `category` (any case), where the marketplace sends a seller's posts. */
  async sellerCampaign(em: EntityManager, accountId: string, category: string): Promise<string | null> {
    const wanted = category.toLowerCase();
    return this.read(this.sellerCampaigns, `${accountId}:${wanted}`, async () => {
      const campaigns = await em
        .fork()
        .find(
          Campaign,
          { account: accountId, status: CampaignStatus.ACTIVE },
          { orderBy: { createdAt: 'asc', id: 'asc' }, fields: ['category'] },
        );
      return campaigns.find((c) => c.category.toLowerCase() === wanted)?.id ?? null;
    });
  }

  /** The account's ACTIVE buyers and their destinations, for campaigns that route to buyers. */
  async buyers(em: EntityManager, accountId: string): Promise<BuyersEntry> {
    const cached = this.ttlMs > 0 ? this.buyerEntries.get(accountId) : undefined;
    if (cached) return cached;
    const fork = em.fork();
    const buyers = await fork.find(Buyer, { account: accountId, status: BuyerStatus.ACTIVE }, { orderBy: { id: 'asc' } });
    const destinations = new Map<string, Destination[]>();
    if (buyers.length > 0) {
      const rows = await fork.find(
        Destination,
        { buyer: { $in: buyers.map((b) => b.id) }, active: true, deletedAt: null },
        { orderBy: { id: 'asc' } },
      );
      for (const row of rows) destinations.set(row.buyer!.id, [...(destinations.get(row.buyer!.id) ?? []), row]);
    }
    const entry = { buyers, destinations };
    if (this.ttlMs > 0) this.buyerEntries.set(accountId, entry);
    return entry;
  }

  invalidateCampaign(id: string): void {
    this.campaigns.delete(id);
    // A campaign's status or category decides where sellers' posts go.
    this.sellerCampaigns.clear();
  }

  invalidateSource(accountId: string, sourceId: string): void {
    this.sources.delete(`${accountId}:${sourceId}`);
  }

  invalidateApproval(sourceId: string, campaignId: string): void {
    this.approvals.delete(`${sourceId}:${campaignId}`);
  }

  invalidateBlocks(accountId: string): void {
    this.blockCounts.delete(accountId);
  }

  invalidateBuyers(accountId: string): void {
    this.buyerEntries.delete(accountId);
  }

  invalidateSellers(): void {
    this.sellers.clear();
  }

  private async read<V extends {}>(
    cache: LRUCache<string, V | typeof MISSING>,
    key: string,
    load: () => Promise<V | null>,
  ): Promise<V | null> {
    const cached = this.ttlMs > 0 ? cache.get(key) : undefined;
    if (cached !== undefined) return cached === MISSING ? null : cached;
    const value = await load();
    if (this.ttlMs > 0) cache.set(key, value ?? MISSING);
    return value;
  }
}
