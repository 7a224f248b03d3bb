import { gql } from './api.js';
import type { StackedBucket } from './chart.js';
import { formatBucket } from './format.js';
import type { Session } from './session.js';
import type { TimeRange } from './time.js';

/** A group of leads (a campaign, source, buyer or reason) and its numbers. */
export interface Group {
  id: string;
  name: string;
  count: number;
  accepted?: number;
  acceptanceRate?: number | null;
  revenue?: number;
  share?: number;
}

/** What the overview shows for a range. */
export interface Overview {
  total: number;
  accepted: number;
  rejected: number;
  sold: number;
  pending: number;
  acceptanceRate: number | null;
  revenue: number;
  byReason: Group[];
  byCampaign: Group[];
  bySource: Group[];
  byBuyer: Group[];
  series: StackedBucket[];
}

/** Filters every overview query shares: the range, and the campaign when one is picked. */
export interface OverviewFilter {
  range: TimeRange;
  campaignId?: string;
}

/** `MISSING_FIELDS` → `Missing fields`. */
export const humanize = (code: string): string => code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ');

interface Counts {
  total: number;
  accepted: number;
  acceptanceRate: number | null;
  revenue: number;
}

const OVERVIEW = `query Overview($filter: LeadFilter, $interval: StatInterval!) { leadStats(filter: $filter) {
  total accepted rejected sold pending acceptanceRate revenue
  series(interval: $interval) { start byStatus { status count } }
  reasons(first: 8) { reasonCode message count share }
  campaigns(first: 50) { campaignId name total accepted acceptanceRate revenue }
  sources(first: 50) { sourceId name total accepted acceptanceRate revenue }
  buyers(first: 50) { buyerId name sold revenue }
} }`;

/** Everything the overview needs for a range, in one `leadStats` query (answered from counters). */
export async function loadOverview(session: Session, filter: OverviewFilter): Promise<Overview> {
  const tz = session.account.timeZone;
  const { leadStats: s } = await gql<{
    leadStats: Counts & {
      rejected: number;
      sold: number;
      pending: number;
      series: Array<{ start: string; byStatus: Array<{ status: string; count: number }> }>;
      reasons: Array<{ reasonCode: string; message: string; count: number; share: number }>;
      campaigns: Array<Counts & { campaignId: string; name: string }>;
      sources: Array<Counts & { sourceId: string; name: string }>;
      buyers: Array<{ buyerId: string; name: string; sold: number; revenue: number }>;
    };
  }>(session.key, OVERVIEW, {
    filter: {
      ...(session.platform ? { accountId: session.account.id } : {}),
      from: filter.range.from.toISOString(),
      to: filter.range.to.toISOString(),
      ...(filter.campaignId ? { campaignId: filter.campaignId } : {}),
    },
    interval: filter.range.bucket,
  });
  const group = (id: string, name: string, c: Counts): Group => ({
    id,
    name,
    count: c.total,
    accepted: c.accepted,
    acceptanceRate: c.acceptanceRate,
    revenue: c.revenue,
  });
  return {
    total: s.total,
    accepted: s.accepted,
    rejected: s.rejected,
    sold: s.sold,
    pending: s.pending,
    acceptanceRate: s.acceptanceRate,
    revenue: s.revenue,
    byReason: s.reasons.map((r) => ({ id: r.reasonCode, name: r.message, count: r.count, share: r.share })),
    byCampaign: s.campaigns.map((c) => group(c.campaignId, c.name, c)),
    bySource: s.sources.map((c) => group(c.sourceId, c.name, c)),
    byBuyer: s.buyers.map((b) => ({ id: b.buyerId, name: b.name, count: b.sold, revenue: b.revenue })),
    series: s.series.map((p) => ({
      label: formatBucket(new Date(p.start), filter.range.bucket, tz),
      counts: Object.fromEntries(p.byStatus.map((b) => [b.status, b.count])),
    })),
  };
}
