import { DateTimeType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { Lead } from '../leads/lead.entity.js';
import { DialerCampaign } from './dialer-campaign.entity.js';
import { DialerList } from './dialer-list.entity.js';

/**
 * A lead's membership of a dialer list. Its numeric id is the `lead_id` dialer integrations get
 * back and match updates on; the lead itself (fields, decision, trace) is the Leadgate lead.
 */
@ObjectType('DialerLead', { description: "A lead in a dialer list; `id` is the dialer's numeric lead id." })
@Entity({ tableName: 'dialer_leads' })
@Index({ properties: ['account', 'phone'] })
@Index({ properties: ['list', 'phone'] })
@Index({ properties: ['dialerCampaign', 'phone'] })
export class DialerLead {
  [OptionalProps]?: 'id' | 'listId' | 'dialerCampaignId' | 'leadId' | 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @ManyToOne({ entity: () => DialerList, ref: true, deleteRule: 'cascade' })
  list!: Ref<DialerList>;

  @Field(() => ID)
  get listId(): number {
    return this.list.id;
  }

  /** The list's campaign, kept here so campaign-wide duplicate checks need no join. */
  @ManyToOne({ entity: () => DialerCampaign, ref: true, deleteRule: 'cascade' })
  dialerCampaign!: Ref<DialerCampaign>;

  @Field(() => ID)
  get dialerCampaignId(): number {
    return this.dialerCampaign.id;
  }

  @ManyToOne({ entity: () => Lead, ref: true, deleteRule: 'cascade', unique: true })
  lead!: Ref<Lead>;

  @Field(() => ID, { description: 'The Leadgate lead (fields, decision, trace).' })
  get leadId(): string {
    return this.lead.id;
  }

  @Field(() => String, { description: 'E.164; duplicate and DNC checks compare it.' })
  @Property({ type: 'string', length: 32 })
  phone!: string;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  createdAt: Date = new Date();

  @Field(() => Date, { description: 'The last insert with update_if_found that matched it (createdAt until then).' })
  @Property({ type: DateTimeType })
  updatedAt: Date = new Date();
}
