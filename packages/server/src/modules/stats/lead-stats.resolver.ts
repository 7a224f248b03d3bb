import { Arg, Ctx, Float, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { LeadFilter } from '../leads/lead.inputs.js';
import { LeadStatsService } from './lead-stats.service.js';
import {
  BuyerStat,
  CampaignStat,
  LeadStats,
  ReasonStat,
  SourceStat,
  StatBucket,
  StatInterval,
  StatPoint,
  StatTotals,
} from './lead-stats.types.js';
import { DEFAULT_BREAKDOWN, MAX_BREAKDOWN, MAX_SERIES_POINTS } from './stats-request.js';

const FIRST = { nullable: true, description: `How many, largest first: default ${DEFAULT_BREAKDOWN}, at most ${MAX_BREAKDOWN}.` } as const;

@Resolver(() => LeadStats)
export class LeadStatsResolver {
  constructor(private readonly statsService: LeadStatsService) {}

  @Query(() => LeadStats, {
    description:
      "Lead numbers over a filter (time range, campaigns, sources, status): totals, a series on the account's calendar, " +
      'and breakdowns by campaign, source, buyer and reason. Answered from pre-aggregated counters.',
  })
  leadStats(@Ctx() ctx: RequestContext, @Arg('filter', () => LeadFilter, { nullable: true }) filter?: LeadFilter | null) {
    return this.statsService.stats(ctx, filter ?? {});
  }

  @FieldResolver(() => String, { description: "The account's IANA time zone: the calendar of series points." })
  timeZone(@Root() stats: LeadStats) {
    return stats.request.timeZone;
  }

  @FieldResolver(() => StatTotals, { description: 'Every count of the filter in one object, the same shape as each series point.' })
  counts(@Root() stats: LeadStats) {
    return stats.request.counts();
  }

  @FieldResolver(() => Int)
  async total(@Root() stats: LeadStats) {
    return (await stats.request.counts()).total;
  }

  @FieldResolver(() => Int, { description: 'Leads that passed every rule: ACCEPTED, SOLD and PENDING.' })
  async accepted(@Root() stats: LeadStats) {
    return (await stats.request.counts()).accepted;
  }

  @FieldResolver(() => Int)
  async rejected(@Root() stats: LeadStats) {
    return (await stats.request.counts()).rejected;
  }

  @FieldResolver(() => Int, { description: 'Test leads (0 unless includeTest).' })
  async test(@Root() stats: LeadStats) {
    return (await stats.request.counts()).test;
  }

  @FieldResolver(() => Int, { description: 'Leads sold to at least one buyer.' })
  async sold(@Root() stats: LeadStats) {
    return (await stats.request.counts()).sold;
  }

  @FieldResolver(() => Int, { description: 'Accepted leads still waiting for a buyer.' })
  async pending(@Root() stats: LeadStats) {
    return (await stats.request.counts()).pending;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'accepted / (accepted + rejected), from 0 to 1; null when there is neither.' })
  async acceptanceRate(@Root() stats: LeadStats) {
    return (await stats.request.counts()).acceptanceRate;
  }

  @FieldResolver(() => Float, { description: "Sum of accepted leads' prices, in cents (a Float: sums outgrow 32-bit Int)." })
  async revenueCents(@Root() stats: LeadStats) {
    return (await stats.request.counts()).revenueCents;
  }

  @FieldResolver(() => Float, { description: "Sum of accepted leads' prices, in dollars." })
  async revenue(@Root() stats: LeadStats) {
    return (await stats.request.counts()).revenue;
  }

  @FieldResolver(() => [StatBucket], { description: 'By status, largest first.' })
  byStatus(@Root() stats: LeadStats) {
    return stats.request.byStatus();
  }

  @FieldResolver(() => [StatBucket], { description: 'Rejected leads by reason code, largest first (see reasons for messages).' })
  byReason(@Root() stats: LeadStats) {
    return stats.request.buckets('reason');
  }

  @FieldResolver(() => [StatBucket], { description: 'By campaign id, largest first (see campaigns for names and counts).' })
  byCampaign(@Root() stats: LeadStats) {
    return stats.request.buckets('campaign');
  }

  @FieldResolver(() => [StatBucket], { description: 'By source id, largest first (see sources for names and counts).' })
  bySource(@Root() stats: LeadStats) {
    return stats.request.buckets('source');
  }

  @FieldResolver(() => [StatPoint], {
    description:
      `Counts per calendar hour, day, week or month of the account, from the filter's from (or the first lead) to its to (or now); ` +
      `periods without leads are zeros. At most ${MAX_SERIES_POINTS} points.`,
  })
  series(@Root() stats: LeadStats, @Arg('interval', () => StatInterval) interval: StatInterval) {
    return stats.request.series(interval);
  }

  @FieldResolver(() => [CampaignStat], { description: 'Counts per campaign, most leads first.' })
  campaigns(@Root() stats: LeadStats, @Arg('first', () => Int, FIRST) first?: number | null) {
    return stats.request.campaigns(first);
  }

  @FieldResolver(() => [SourceStat], { description: 'Counts per source, most leads first.' })
  sources(@Root() stats: LeadStats, @Arg('first', () => Int, FIRST) first?: number | null) {
    return stats.request.sources(first);
  }

  @FieldResolver(() => [BuyerStat], { description: 'Sales per buyer, most revenue first (ADMIN and READER keys).' })
  buyers(@Root() stats: LeadStats, @Arg('first', () => Int, FIRST) first?: number | null) {
    return stats.request.buyers(first);
  }

  @FieldResolver(() => [ReasonStat], { description: 'Rejected leads per reason, with its message, most first.' })
  reasons(@Root() stats: LeadStats, @Arg('first', () => Int, FIRST) first?: number | null) {
    return stats.request.reasons(first);
  }
}
