import { gql } from './api.js';
import type { StackedBucket } from './chart.js';
import { formatBucket } from './format.js';
import type { Session } from './session.js';
import { bucketStarts, type TimeRange } from './time.js';

/** A group of leads (a campaign, source, buyer or reason) and its numbers. */
export interface Group {
  id: string;
  name: string;
  count: number;
}

/** What the overview shows for a range. */
export interface Overview {
  total: number;
  accepted: number;
  rejected: number;
  revenue: number;
  byStatus: Record<string, number>;
  byReason: Group[];
  byCampaign: Group[];
  bySource: Group[];
  series: StackedBucket[];
}

interface RawStats {
  total: number;
  accepted: number;
  rejected: number;
  revenue: number;
  byStatus: Array<{ key: string; count: number }>;
  byReason: Array<{ key: string; count: number }>;
  byCampaign: Array<{ key: string; count: number }>;
  bySource: Array<{ key: string; count: number }>;
}

/** Filters every overview query shares: the range, and the campaign when one is picked. */
export interface OverviewFilter {
  range: TimeRange;
  campaignId?: string;
}

const filterOf = (session: Session, f: { from: Date; to: Date; campaignId?: string }) => ({
  ...(session.platform ? { accountId: session.account.id } : {}),
  from: f.from.toISOString(),
  to: f.to.toISOString(),
  ...(f.campaignId ? { campaignId: f.campaignId } : {}),
});

/** `MISSING_FIELDS` → `Missing fields`. */
export const humanize = (code: string): string => code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ');

/** Buckets per request: each is one aliased leadStats (GraphQL limits cap the aliases of one request). */
const BUCKETS_PER_REQUEST = 12;

async function series(session: Session, filter: OverviewFilter): Promise<StackedBucket[]> {
  const tz = session.account.timeZone;
  const starts = bucketStarts(filter.range, tz);
  const ends = [...starts.slice(1), filter.range.to];
  const buckets: StackedBucket[] = starts.map((start) => ({ label: formatBucket(start, filter.range.bucket, tz), counts: {} }));
  const requests: Array<Promise<void>> = [];
  for (let first = 0; first < starts.length; first += BUCKETS_PER_REQUEST) {
    const indexes = starts.slice(first, first + BUCKETS_PER_REQUEST).map((_, i) => first + i);
    const vars = Object.fromEntries(indexes.map((i) => [`f${i}`, filterOf(session, { from: starts[i]!, to: ends[i]!, campaignId: filter.campaignId })]));
    const query = `query(${indexes.map((i) => `$f${i}: LeadFilter`).join(', ')}) { ${indexes.map((i) => `b${i}: leadStats(filter: $f${i}) { byStatus { key count } }`).join(' ')} }`;
    requests.push(gql<Record<string, { byStatus: Array<{ key: string; count: number }> }>>(session.key, query, vars).then((data) => {
      for (const i of indexes) {
        for (const { key, count } of data[`b${i}`]!.byStatus) buckets[i]!.counts[key] = count;
      }
    }));
  }
  await Promise.all(requests);
  return buckets;
}

/** Everything the overview needs for a range, names included. */
export async function loadOverview(session: Session, filter: OverviewFilter): Promise<Overview> {
  const accountArg = session.platform ? '(accountId: $accountId)' : '';
  const [data, buckets] = await Promise.all([
    gql<{ leadStats: RawStats; campaigns: Array<{ id: string; name: string }>; sources: Array<{ id: string; name: string }> }>(
      session.key,
      `query($filter: LeadFilter${session.platform ? ', $accountId: ID' : ''}) {
        leadStats(filter: $filter) { total accepted rejected revenue byStatus { key count } byReason { key count } byCampaign { key count } bySource { key count } }
        campaigns${accountArg} { id name } sources${accountArg} { id name } }`,
      { filter: filterOf(session, { ...filter.range, campaignId: filter.campaignId }), ...(session.platform ? { accountId: session.account.id } : {}) },
    ),
    series(session, filter),
  ]);
  const s = data.leadStats;
  const named = (groups: Array<{ key: string; count: number }>, names: Array<{ id: string; name: string }>) =>
    groups.map(({ key, count }) => ({ id: key, name: names.find((n) => n.id === key)?.name ?? key, count }));
  return {
    total: s.total,
    accepted: s.accepted,
    rejected: s.rejected,
    revenue: s.revenue,
    byStatus: Object.fromEntries(s.byStatus.map((b) => [b.key, b.count])),
    byReason: s.byReason.map(({ key, count }) => ({ id: key, name: humanize(key), count })),
    byCampaign: named(s.byCampaign, data.campaigns),
    bySource: named(s.bySource, data.sources),
    series: buckets,
  };
}
