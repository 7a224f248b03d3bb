import { Entity, OptionalProps, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids.js';
import { centsToAmount } from '../../shared/money.js';
import { Account } from '../accounts/account.entity.js';
import { CampaignStatus } from './campaign-status.js';

/** A customer's campaign: where sources post leads. */
@ObjectType('Campaign')
@Entity({ tableName: 'campaigns' })
@Index({ properties: ['account', 'category'] })
export class Campaign {
  [OptionalProps]?: 'id' | 'accountId' | 'status' | 'requiredFields' | 'defaultPriceCents' | 'defaultPrice' | 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 40 })
  id: string = newId('cmp');

  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Field(() => ID)
  get accountId(): string {
    return this.account.id;
  }

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => String, { description: 'Vertical, e.g. "Auto Insurance"; marketplace posts select campaigns by it.' })
  @Property({ type: 'string', length: 100 })
  category!: string;

  @Field(() => CampaignStatus)
  @Property({ type: 'string', length: 16 })
  status: CampaignStatus = CampaignStatus.ACTIVE;

  @Field(() => String, { description: 'IANA time zone for schedules and caps; defaults to the account\'s.' })
  @Property({ type: 'string', length: 64 })
  timeZone!: string;

  @Field(() => [String], { description: 'Lead fields every post must carry (e.g. first, phone, zip).' })
  @Property({ type: 'json' })
  requiredFields: string[] = [];

  @Field(() => Int, { description: 'defaultPrice in integer cents.' })
  @Property({ type: 'integer' })
  defaultPriceCents = 0;

  @Field(() => Float, { description: 'Price of an accepted lead unless the source has its own, in dollars.' })
  get defaultPrice(): number {
    return centsToAmount(this.defaultPriceCents);
  }

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
