import { DateTimeType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { OptInDoor, OptInOutcome, OptInQueue } from './optin-enums.js';

/**
 * One request to an opt-in or opt-out queue, under the uuid its reply carried: what it asked, what
 * it wrote (its {@link OptInChange} rows), the entries it skipped and why it was refused.
 */
@ObjectType('OptInSubmission', { description: 'One request to the opt-in or opt-out queue, under the uuid its reply carried.' })
@Entity({ tableName: 'optin_submissions' })
@Index({ properties: ['account', 'createdAt'] })
export class OptInSubmission {
  [OptionalProps]?: 'accountId' | 'appIdId' | 'apiKeyId' | 'messages' | 'errors' | 'createdAt';

  @Field(() => ID, { description: 'The lower-case v4 uuid of the reply (Submission / SubmissionId).' })
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Field(() => ID)
  get accountId(): string {
    return this.account.id;
  }

  @Field(() => OptInQueue)
  @Property({ type: 'string', length: 8 })
  queue!: OptInQueue;

  @Field(() => OptInDoor)
  @Property({ type: 'string', length: 8 })
  door!: OptInDoor;

  @Field(() => OptInOutcome)
  @Property({ type: 'string', length: 8 })
  outcome!: OptInOutcome;

  @Field(() => ID, { nullable: true, description: 'The app id that posted it (Omeda door).' })
  @Property({ type: 'string', length: 40, nullable: true })
  appIdId: string | null = null;

  @Field(() => ID, { nullable: true, description: 'The API key that posted it (GraphQL).' })
  @Property({ type: 'string', length: 40, nullable: true })
  apiKeyId: string | null = null;

  @Field(() => Int, { description: 'Entries in the request, every level together.' })
  @Property({ type: 'integer' })
  entryCount!: number;

  @Field(() => Int, { description: 'Ledger writes it made (0 when REJECTED).' })
  @Property({ type: 'integer' })
  changeCount!: number;

  @Field(() => [String], { description: 'Why entries were skipped (an OUT kept without DeleteOptOut).' })
  @Property({ type: 'json' })
  messages: string[] = [];

  @Field(() => [String], { description: 'Why it was refused, one per failing item (REJECTED only).' })
  @Property({ type: 'json' })
  errors: string[] = [];

  @Field(() => Date)
  @Property({ type: DateTimeType })
  createdAt: Date = new Date();
}
