import { badInput, forbidden } from '../../errors/app-error.js';
import { ACCEPTED_STATUSES, LeadStatus } from '../leads/lead-enums.js';
import { REASON_MESSAGES, type ReasonCode } from '../leads/reason-code.js';
import { seriesSpans, type SeriesInterval } from './stat-calendar.js';
import type { Fact, StatsEngine } from './stats-engine.js';
import {
  BuyerStat,
  CampaignStat,
  ReasonStat,
  SourceStat,
  StatBucket,
  StatCounts,
  StatPoint,
  StatTotals,
  StatusCount,
} from './lead-stats.types.js';

/** Most points one series may have (about seven months by the hour). */
export const MAX_SERIES_POINTS = 5000;
/** Default and largest `first` of the breakdowns. */
export const DEFAULT_BREAKDOWN = 100;
export const MAX_BREAKDOWN = 1000;

const STATUS_ORDER = Object.values(LeadStatus);

/** Counts of a group of facts. */
export function countsOf(facts: Iterable<Fact>): StatTotals {
  const byStatus = new Map(STATUS_ORDER.map((status) => [status, Object.assign(new StatusCount(), { status, count: 0, revenueCents: 0 })]));
  for (const fact of facts) {
    const entry = byStatus.get(fact.status as LeadStatus);
    if (!entry) continue;
    entry.count += fact.count;
    entry.revenueCents += fact.revenueCents;
  }
  const of = (status: LeadStatus) => byStatus.get(status)!;
  const accepted = ACCEPTED_STATUSES.reduce((sum, s) => sum + of(s).count, 0);
  const rejected = of(LeadStatus.REJECTED).count;
  return Object.assign(new StatTotals(), {
    total: [...byStatus.values()].reduce((sum, e) => sum + e.count, 0),
    accepted,
    rejected,
    test: of(LeadStatus.TEST).count,
    sold: of(LeadStatus.SOLD).count,
    pending: of(LeadStatus.PENDING).count,
    acceptanceRate: accepted + rejected > 0 ? accepted / (accepted + rejected) : null,
    revenueCents: ACCEPTED_STATUSES.reduce((sum, s) => sum + of(s).revenueCents, 0),
    byStatus: [...byStatus.values()],
  });
}

/** A reason's contract message without the lead-specific part ("Missing {fields}" -> "Missing fields"). */
export function reasonLabel(code: ReasonCode): string {
  return REASON_MESSAGES[code].replace(': {name}', '').replace('{fields}', 'fields');
}

function groupBy<K>(facts: readonly Fact[], key: (f: Fact) => K): Map<K, Fact[]> {
  const groups = new Map<K, Fact[]>();
  for (const fact of facts) {
    const k = key(fact);
    const group = groups.get(k);
    if (group) group.push(fact);
    else groups.set(k, [fact]);
  }
  return groups;
}

const byCountThenKey = (a: StatBucket, b: StatBucket) => b.count - a.count || a.key.localeCompare(b.key);

function checkFirst(first: number | null | undefined): number {
  const n = first ?? DEFAULT_BREAKDOWN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_BREAKDOWN)
    throw badInput(`first must be between 1 and ${MAX_BREAKDOWN}`, { field: 'first' });
  return n;
}

/**
 * One `leadStats` call: each answer is computed on first use and shared by the fields that
 * need it, so a query pays only for the fields it selects.
 */
export class StatsRequest {
  private whole?: Promise<Fact[]>;

  constructor(
    private readonly engine: StatsEngine,
    private readonly now: () => Date,
    /** SOURCE keys see their own leads' numbers, not the account's buyers. */
    private readonly mayReadBuyers: boolean,
  ) {}

  get timeZone(): string {
    return this.engine.scope.zone;
  }

  /** Facts of the whole range by campaign, source, status and reason: totals and breakdowns come from these. */
  private facts(): Promise<Fact[]> {
    return (this.whole ??= this.engine
      .range()
      .then((range) => (range ? this.engine.facts([{ ...range, t: 0 }], ['campaign', 'source', 'status', 'reason']) : [])));
  }

  async counts(): Promise<StatCounts> {
    return countsOf(await this.facts());
  }

  async byStatus(): Promise<StatBucket[]> {
    return (await this.counts()).byStatus
      .filter((s) => s.count > 0)
      .map((s) => Object.assign(new StatBucket(), { key: s.status, count: s.count }))
      .sort(byCountThenKey);
  }

  /** Old-style groups: ids and counts, largest first. */
  async buckets(dim: 'campaign' | 'source' | 'reason'): Promise<StatBucket[]> {
    const facts = (await this.facts()).filter((f) => dim !== 'reason' || (f.status === LeadStatus.REJECTED && f.reason !== ''));
    return [...groupBy(facts, (f) => f[dim])]
      .map(([key, group]) => Object.assign(new StatBucket(), { key, count: group.reduce((sum, f) => sum + f.count, 0) }))
      .filter((b) => b.count > 0)
      .sort(byCountThenKey);
  }

  async campaigns(first?: number | null): Promise<CampaignStat[]> {
    return this.breakdown('campaign', checkFirst(first), (id, name, counts) =>
      Object.assign(new CampaignStat(), counts, { campaignId: id, name }),
    );
  }

  async sources(first?: number | null): Promise<SourceStat[]> {
    return this.breakdown('source', checkFirst(first), (id, name, counts) =>
      Object.assign(new SourceStat(), counts, { sourceId: id, name }),
    );
  }

  async reasons(first?: number | null): Promise<ReasonStat[]> {
    const n = checkFirst(first);
    const rejected = (await this.facts()).filter((f) => f.status === LeadStatus.REJECTED && f.reason !== '');
    const total = rejected.reduce((sum, f) => sum + f.count, 0);
    return [...groupBy(rejected, (f) => f.reason as ReasonCode)]
      .map(([code, group]) => {
        const count = group.reduce((sum, f) => sum + f.count, 0);
        return Object.assign(new ReasonStat(), { reasonCode: code, message: reasonLabel(code), count, share: total ? count / total : 0 });
      })
      .filter((r) => r.count > 0)
      .sort((a, b) => b.count - a.count || a.reasonCode.localeCompare(b.reasonCode))
      .slice(0, n);
  }

  async buyers(first?: number | null): Promise<BuyerStat[]> {
    const n = checkFirst(first);
    if (!this.mayReadBuyers) throw forbidden('Buyers are visible to ADMIN and READER keys only');
    const scope = this.engine.scope;
    if (scope.status && scope.status !== LeadStatus.SOLD) return [];
    const range = await this.engine.range();
    if (!range) return [];
    const facts = await this.engine.saleFacts([{ ...range, t: 0 }]);
    const names = await this.engine.names(
      'buyers',
      facts.map((f) => f.buyer),
    );
    return facts
      .filter((f) => f.count > 0)
      .map((f) =>
        Object.assign(new BuyerStat(), { buyerId: f.buyer, name: names.get(f.buyer) ?? '', sold: f.count, revenueCents: f.revenueCents }),
      )
      .sort((a, b) => b.revenueCents - a.revenueCents || b.sold - a.sold || a.name.localeCompare(b.name))
      .slice(0, n);
  }

  /**
   * Points of `interval` from the filter's `from` (or the first lead) to its `to` (or now), each
   * with its counts; points without leads are zeros.
   */
  async series(interval: SeriesInterval): Promise<StatPoint[]> {
    const scope = this.engine.scope;
    const data = await this.engine.dataBounds();
    const start = scope.from ?? data?.start ?? null;
    const end = scope.to ?? Math.max(this.now().getTime(), data?.end ?? Number.NEGATIVE_INFINITY);
    if (start === null || start >= end) return [];
    const spans = seriesSpans(interval, start, end, scope.zone, MAX_SERIES_POINTS);
    if (!spans) {
      throw badInput(`The series would have more than ${MAX_SERIES_POINTS} points: narrow from/to or use a longer interval`, {
        field: 'interval',
      });
    }
    const range = await this.engine.range();
    const targets = range
      ? spans.map((s, t) => ({ start: Math.max(s.start, range.start), end: Math.min(s.end, range.end), t })).filter((p) => p.start < p.end)
      : [];
    const byPoint = groupBy(await this.engine.facts(targets, ['status']), (f) => f.t);
    return spans.map((span, t) =>
      Object.assign(new StatPoint(), countsOf(byPoint.get(t) ?? []), {
        start: new Date(span.start),
        end: new Date(span.end),
        label: span.label,
      }),
    );
  }

  private async breakdown<T extends StatCounts & { name: string }>(
    dim: 'campaign' | 'source',
    first: number,
    make: (id: string, name: string, counts: StatCounts) => T,
  ): Promise<T[]> {
    const groups = [...groupBy(await this.facts(), (f) => f[dim])];
    const names = await this.engine.names(
      dim === 'campaign' ? 'campaigns' : 'sources',
      groups.map(([id]) => id),
    );
    return groups
      .map(([id, group]) => make(id, names.get(id) ?? '', countsOf(group)))
      .filter((s) => s.total > 0)
      .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name))
      .slice(0, first);
  }
}
