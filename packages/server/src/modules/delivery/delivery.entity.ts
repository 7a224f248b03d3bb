import { DateTimeType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids.js';
import { Account } from '../accounts/account.entity.js';
import { Lead } from '../leads/lead.entity.js';
import { DeliveryStatus } from './delivery-enums.js';
import { Destination } from './destination.entity.js';

/**
 * One lead to one destination: the outbox row, written in the transaction that accepts (or sells)
 * the lead, then sent by a delivery worker until delivered or dead-lettered.
 */
@ObjectType('Delivery', { description: 'One lead to one destination, with every attempt.' })
@Entity({ tableName: 'deliveries' })
@Index({ properties: ['status', 'nextAttemptAt'] })
@Index({ properties: ['account', 'status', 'createdAt'] })
export class Delivery {
  [OptionalProps]?:
    | 'id'
    | 'leadId'
    | 'destinationId'
    | 'status'
    | 'attemptCount'
    | 'roundStart'
    | 'lockedUntil'
    | 'claimToken'
    | 'lastError'
    | 'deliveredAt'
    | 'createdAt'
    | 'updatedAt';

  @Field(() => ID, { description: 'Also sent as X-Leadgate-Delivery-Id: the same on every attempt, so receivers can drop repeats.' })
  @PrimaryKey({ type: 'string', length: 40 })
  id: string = newId('dlv');

  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @ManyToOne({ entity: () => Lead, ref: true, deleteRule: 'cascade', index: true })
  lead!: Ref<Lead>;

  @Field(() => ID)
  get leadId(): string {
    return this.lead.id;
  }

  @ManyToOne({ entity: () => Destination, ref: true, deleteRule: 'cascade', index: true })
  destination!: Ref<Destination>;

  @Field(() => ID)
  get destinationId(): string {
    return this.destination.id;
  }

  @Field(() => DeliveryStatus)
  @Property({ type: 'string', length: 16 })
  status: DeliveryStatus = DeliveryStatus.PENDING;

  @Field(() => Int, { description: 'Attempts made so far.' })
  @Property({ type: 'integer' })
  attemptCount = 0;

  /** attemptCount when the current budget began (0, or at the last replay): backoff restarts from there. */
  @Property({ type: 'integer' })
  roundStart = 0;

  @Field(() => Int, { description: 'Attempts allowed before dead-lettering (raised by each replay).' })
  @Property({ type: 'integer' })
  maxAttempts!: number;

  @Field(() => Date, { description: 'When the next attempt is due (while PENDING).' })
  @Property({ type: DateTimeType })
  nextAttemptAt!: Date;

  /** A worker's claim: until then no other worker takes it (a crashed worker's claim lapses). */
  @Property({ type: DateTimeType, nullable: true })
  lockedUntil: Date | null = null;

  /** The claiming worker's token: only the holder of the current claim records the outcome. */
  @Property({ type: 'string', length: 40, nullable: true })
  claimToken: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  lastError: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: DateTimeType, nullable: true })
  deliveredAt: Date | null = null;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: DateTimeType })
  updatedAt: Date = new Date();
}
