import { DateTimeType, Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids.js';
import { AttemptOutcome } from './delivery-enums.js';
import { Delivery } from './delivery.entity.js';

/** One try of a delivery, as it happened. */
@ObjectType('DeliveryAttempt', { description: 'One try of a delivery: when, how long, what came back (redacted).' })
@Entity({ tableName: 'delivery_attempts' })
export class DeliveryAttempt {
  [OptionalProps]?: 'id' | 'httpStatus' | 'error' | 'responseExcerpt';

  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 40 })
  id: string = newId('dat');

  @ManyToOne({ entity: () => Delivery, ref: true, deleteRule: 'cascade', index: true })
  delivery!: Ref<Delivery>;

  @Field(() => Int, { description: '1 for the first attempt.' })
  @Property({ type: 'integer' })
  number!: number;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  startedAt!: Date;

  @Field(() => Int)
  @Property({ type: 'integer' })
  durationMs!: number;

  @Field(() => Int, { nullable: true, description: 'Null when no reply came (network error, timeout).' })
  @Property({ type: 'integer', nullable: true })
  httpStatus: number | null = null;

  @Field(() => AttemptOutcome)
  @Property({ type: 'string', length: 16 })
  outcome!: AttemptOutcome;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  error: string | null = null;

  @Field(() => String, { nullable: true, description: 'The start of the reply, secrets and contact data redacted.' })
  @Property({ type: 'text', nullable: true })
  responseExcerpt: string | null = null;
}
