import { Field, Float, ID, Int, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { centsToAmount } from '../../shared/money.js';
import { LeadStatus } from '../leads/lead-enums.js';
import { ReasonCode } from '../leads/reason-code.js';
import type { StatsRequest } from './stats-request.js';

/** The length of one point of a stats series, on the account's calendar. */
export enum StatInterval {
  HOUR = 'HOUR',
  DAY = 'DAY',
  /** ISO weeks, Monday to Sunday. */
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

registerEnumType(StatInterval, {
  name: 'StatInterval',
  description: "The length of one point of a stats series, on the account's calendar (its time zone; DST days are 23 or 25 hours).",
  valuesConfig: { WEEK: { description: 'ISO weeks, Monday to Sunday.' } },
});

@ObjectType('StatBucket', { description: 'A group and how many leads fell in it.' })
export class StatBucket {
  @Field(() => String, { description: 'The group: a status, a reason code, a campaign id or a source id.' })
  key!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('StatusCount', { description: 'Leads of one status, and their revenue.' })
export class StatusCount {
  @Field(() => LeadStatus) status!: LeadStatus;
  @Field(() => Int) count!: number;
  @Field(() => Float, { description: 'Sum of their prices, in cents.' }) revenueCents!: number;
  @Field(() => Float, { description: 'Sum of their prices, in dollars.' })
  get revenue(): number {
    return centsToAmount(this.revenueCents);
  }
}

/** Counts of a group of leads: every status, the acceptance rate and the revenue. */
@InterfaceType('StatCounts', {
  description: 'Counts of a group of leads: by status, acceptance rate and revenue (totals, series points, breakdowns).',
})
export abstract class StatCounts {
  @Field(() => Int, { description: 'Every lead of the group (test leads only with includeTest).' }) total!: number;
  @Field(() => Int, { description: 'Leads that passed every rule: ACCEPTED, SOLD and PENDING.' }) accepted!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => Int, { description: 'Test leads that passed the structural checks (0 unless includeTest).' }) test!: number;
  @Field(() => Int, { description: 'Leads sold to at least one buyer.' }) sold!: number;
  @Field(() => Int, { description: 'Accepted leads still waiting for a buyer.' }) pending!: number;
  @Field(() => Float, { nullable: true, description: 'accepted / (accepted + rejected), from 0 to 1; null when there is neither.' })
  acceptanceRate!: number | null;
  @Field(() => Float, { description: "Sum of accepted leads' prices, in cents (a Float: sums outgrow 32-bit Int)." }) revenueCents!: number;
  @Field(() => Float, { description: "Sum of accepted leads' prices, in dollars." })
  get revenue(): number {
    return centsToAmount(this.revenueCents);
  }
  @Field(() => [StatusCount], {
    description: 'Every status in a fixed order (ACCEPTED, REJECTED, TEST, SOLD, PENDING), zeros included: one stack per status.',
  })
  byStatus!: StatusCount[];
}

@ObjectType('StatTotals', { implements: StatCounts, description: 'Counts of every lead of the filter.' })
export class StatTotals extends StatCounts {}

@ObjectType('StatPoint', {
  implements: StatCounts,
  description: 'One point of a series: a calendar hour, day, week or month of the account, and its counts.',
})
export class StatPoint extends StatCounts {
  @Field(() => Date, { description: "Where the calendar period starts (the first point may start before the filter's from)." })
  start!: Date;
  @Field(() => Date, { description: "Where the next period starts (the last point may end after the filter's to)." }) end!: Date;
  @Field(() => String, { description: 'The period on the local calendar: 2026-11-23T14:00-08:00, 2026-11-23, 2026-W48 or 2026-11.' })
  label!: string;
}

@ObjectType('CampaignStat', { implements: StatCounts, description: "One campaign's counts." })
export class CampaignStat extends StatCounts {
  @Field(() => ID) campaignId!: string;
  @Field(() => String) name!: string;
}

@ObjectType('SourceStat', { implements: StatCounts, description: "One source's counts." })
export class SourceStat extends StatCounts {
  @Field(() => ID) sourceId!: string;
  @Field(() => String) name!: string;
}

@ObjectType('BuyerStat', { description: 'What one buyer bought among the leads of the filter (by the time the lead was received).' })
export class BuyerStat {
  @Field(() => ID) buyerId!: string;
  @Field(() => String) name!: string;
  @Field(() => Int, { description: 'Leads sold to this buyer.' }) sold!: number;
  @Field(() => Float, { description: 'What the buyer paid for them, in cents.' }) revenueCents!: number;
  @Field(() => Float, { description: 'What the buyer paid for them, in dollars.' })
  get revenue(): number {
    return centsToAmount(this.revenueCents);
  }
}

@ObjectType('ReasonStat', { description: 'Rejected leads of one reason.' })
export class ReasonStat {
  @Field(() => ReasonCode) reasonCode!: ReasonCode;
  @Field(() => String, {
    description: 'The reason\'s contract message, without lead-specific details (e.g. "Missing fields", "Condition").',
  })
  message!: string;
  @Field(() => Int) count!: number;
  @Field(() => Float, { description: 'Share of the rejected leads, from 0 to 1.' }) share!: number;
}

/**
 * Lead numbers over a filter. Every field is computed only when asked for, from the
 * pre-aggregated counters (see docs/dashboards.md), so a dashboard pays for what it shows.
 */
@ObjectType('LeadStats', { description: 'Lead counts over a filter: totals, a series, breakdowns. Test leads only with includeTest.' })
export class LeadStats {
  /** The computation behind the fields (not a GraphQL field). */
  constructor(readonly request: StatsRequest) {}
}
