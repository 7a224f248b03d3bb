import { DateTimeType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { DialerCampaign } from './dialer-campaign.entity.js';

/** A call list of a dialer campaign: the `list_id` vendors insert leads into. */
@ObjectType('DialerList', { description: 'A call list (the `list_id` of inserts); archived lists take no new leads.' })
@Entity({ tableName: 'dialer_lists' })
@Index({ properties: ['account', 'archived'] })
export class DialerList {
  [OptionalProps]?: 'id' | 'accountId' | 'dialerCampaignId' | 'archived' | 'archivedAt' | 'createdAt';

  /** Numeric, as dialer integrations send it (`list_id`). */
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Field(() => ID)
  get accountId(): string {
    return this.account.id;
  }

  @ManyToOne({ entity: () => DialerCampaign, ref: true, deleteRule: 'cascade' })
  dialerCampaign!: Ref<DialerCampaign>;

  @Field(() => ID)
  get dialerCampaignId(): number {
    return this.dialerCampaign.id;
  }

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => Boolean, { description: 'Archived lists refuse inserts; their leads count as duplicates only with check_dup_archive.' })
  @Property({ type: 'boolean' })
  archived = false;

  @Field(() => Date, { nullable: true })
  @Property({ type: DateTimeType, nullable: true })
  archivedAt: Date | null = null;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  createdAt: Date = new Date();
}
