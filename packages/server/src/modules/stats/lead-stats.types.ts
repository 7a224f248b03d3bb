import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType('StatBucket', { description: 'A group and how many leads fell in it.' })
export class StatBucket {
  @Field(() => String, { description: 'The group: a status, a reason code, a campaign id or a source id.' })
  key!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('LeadStats', { description: 'Lead counts over a filter: totals and groups. Test leads only with includeTest.' })
export class LeadStats {
  @Field(() => Int) total!: number;
  @Field(() => Int, { description: 'Leads that passed every rule: ACCEPTED, SOLD and PENDING.' }) accepted!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => Int, { description: 'Test leads (0 unless includeTest).' }) test!: number;
  @Field(() => Float, { description: 'Sum of accepted leads\' prices, in cents (a Float: sums outgrow 32-bit Int).' }) revenueCents!: number;
  @Field(() => Float, { description: 'Sum of accepted leads\' prices, in dollars.' })
  get revenue(): number {
    return this.revenueCents / 100;
  }
  @Field(() => [StatBucket], { description: 'By status, largest first.' }) byStatus!: StatBucket[];
  @Field(() => [StatBucket], { description: 'Rejected leads by reason code, largest first.' }) byReason!: StatBucket[];
  @Field(() => [StatBucket], { description: 'By campaign id, largest first.' }) byCampaign!: StatBucket[];
  @Field(() => [StatBucket], { description: 'By source id, largest first.' }) bySource!: StatBucket[];
}
