import { DateTimeType, Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { Source } from '../sources/source.entity.js';

/**
 * A dialer campaign: a group of call lists. Leads inserted into its lists are Leadgate leads of
 * its intake `campaign`, so they meet that campaign's rules and show in the same stats.
 */
@ObjectType('DialerCampaign', { description: 'A group of dialer lists; its leads go through the intake rules of `campaign`.' })
@Entity({ tableName: 'dialer_campaigns' })
export class DialerCampaign {
  [OptionalProps]?: 'id' | 'accountId' | 'campaignId' | 'apiSourceId' | 'createdAt';

  /** Numeric, as dialer integrations expect (`search_campaign_id`). */
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Field(() => ID)
  get accountId(): string {
    return this.account.id;
  }

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  /** The intake campaign whose rules every lead of these lists meets. */
  @ManyToOne({ entity: () => Campaign, ref: true, deleteRule: 'cascade' })
  campaign!: Ref<Campaign>;

  @Field(() => ID, { description: 'The intake campaign whose rules (and stats) the leads of these lists share.' })
  get campaignId(): string {
    return this.campaign.id;
  }

  /** The source inserts made with an ADMIN key are attributed to (a SOURCE key's inserts are its own). */
  @ManyToOne({ entity: () => Source, ref: true, deleteRule: 'cascade' })
  apiSource!: Ref<Source>;

  @Field(() => ID, { description: 'The source that inserts made with an ADMIN key are attributed to ("Dialer API: <name>").' })
  get apiSourceId(): string {
    return this.apiSource.id;
  }

  @Field(() => Date)
  @Property({ type: DateTimeType })
  createdAt: Date = new Date();
}
