import { DateTimeType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { Condition } from '../../rules/index.js';
import { newId } from '../../shared/ids.js';
import { centsToAmount } from '../../shared/money.js';
import { Account } from '../accounts/account.entity.js';
import { Caps, ScheduleWindow } from '../campaigns/requirements.js';
import { BuyerStatus } from './buyer-status.js';
import { PriceRule } from './price-rule.js';

/** A buyer of an account's marketplace leads: what it pays, which leads it takes, how many and when. */
@ObjectType('Buyer', { description: "A buyer of the account's leads: its price, filter, caps and schedule." })
@Entity({ tableName: 'buyers' })
@Index({ properties: ['account', 'status'] })
export class Buyer {
  [OptionalProps]?:
    | 'id'
    | 'accountId'
    | 'status'
    | 'priceCents'
    | 'price'
    | 'priceRules'
    | 'filter'
    | 'caps'
    | 'schedule'
    | 'createdAt'
    | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 40 })
  id: string = newId('buy');

  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Field(() => ID)
  get accountId(): string {
    return this.account.id;
  }

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => BuyerStatus)
  @Property({ type: 'string', length: 16 })
  status: BuyerStatus = BuyerStatus.ACTIVE;

  @Field(() => Int, { description: 'price in integer cents.' })
  @Property({ type: 'integer' })
  priceCents = 0;

  @Field(() => Float, { description: 'Default price per lead in dollars, when no price rule holds.' })
  get price(): number {
    return centsToAmount(this.priceCents);
  }

  @Field(() => [PriceRule], { description: 'Tried in order: the first whose condition holds for a lead sets its price; none: price.' })
  @Property({ type: 'json' })
  priceRules: PriceRule[] = [];

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'A lead must satisfy this condition (states, zips, any field); null takes every lead.',
  })
  @Property({ type: 'json', nullable: true })
  filter: Condition | null = null;

  @Field(() => Caps, {
    description: "Leads sold to this buyer per calendar day, ISO week, month and in total, on the account's clock; null is no cap.",
  })
  @Property({ type: 'json' })
  caps: Caps = {};

  @Field(() => [ScheduleWindow], { description: "Weekly windows in the account's time zone when the buyer takes leads; empty is always." })
  @Property({ type: 'json' })
  schedule: ScheduleWindow[] = [];

  @Field(() => Date)
  @Property({ type: DateTimeType })
  createdAt: Date = new Date();

  /** Strictly increases on every change (compiled conditions are cached by id + updatedAt). */
  @Field(() => Date)
  @Property({ type: DateTimeType, onUpdate: (buyer: Buyer) => new Date(Math.max(Date.now(), buyer.updatedAt.getTime() + 1)) })
  updatedAt: Date = new Date();
}
