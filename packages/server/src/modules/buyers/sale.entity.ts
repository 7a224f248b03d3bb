import { DateTimeType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids.js';
import { centsToAmount } from '../../shared/money.js';
import { Lead } from '../leads/lead.entity.js';
import { Buyer } from './buyer.entity.js';

/** A lead sold to a buyer, at the price the buyer pays; a lead is sold to a buyer at most once. */
@ObjectType('Sale', { description: 'A lead sold to a buyer, at the price the buyer pays.' })
@Entity({ tableName: 'sales' })
@Unique({ properties: ['lead', 'buyer'] })
@Index({ properties: ['buyer', 'createdAt'] })
export class Sale {
  [OptionalProps]?: 'id' | 'leadId' | 'buyerId' | 'price' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 40 })
  id: string = newId('sale');

  @ManyToOne({ entity: () => Lead, ref: true, deleteRule: 'cascade' })
  lead!: Ref<Lead>;

  @ManyToOne({ entity: () => Buyer, ref: true, deleteRule: 'cascade' })
  buyer!: Ref<Buyer>;

  @Field(() => ID)
  get leadId(): string {
    return this.lead.id;
  }

  @Field(() => ID)
  get buyerId(): string {
    return this.buyer.id;
  }

  @Field(() => Int, { description: 'price in integer cents.' })
  @Property({ type: 'integer' })
  priceCents!: number;

  @Field(() => Float, { description: 'What the buyer pays for the lead, in dollars.' })
  get price(): number {
    return centsToAmount(this.priceCents);
  }

  @Field(() => Date)
  @Property({ type: DateTimeType })
  createdAt: Date = new Date();
}
