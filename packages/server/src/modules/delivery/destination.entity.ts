import { DateTimeType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids.js';
import { Account } from '../accounts/account.entity.js';
import { Buyer } from '../buyers/buyer.entity.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { DestinationFormat } from './delivery-enums.js';
import { FieldMap } from './field-map.js';

/** Default time one delivery attempt may take. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Where accepted leads go: a campaign's destination gets every live lead the campaign accepts; a
 * buyer's gets the leads sold to it. An HTTP POST of JSON or form fields, signed with its secret.
 */
@ObjectType('Destination', {
  description: "Where accepted leads are delivered: a campaign's (every live accepted lead) or a buyer's (its sold leads).",
})
@Entity({ tableName: 'destinations' })
@Index({ properties: ['campaign', 'active'] })
@Index({ properties: ['buyer', 'active'] })
export class Destination {
  [OptionalProps]?:
    | 'id'
    | 'accountId'
    | 'campaignId'
    | 'buyerId'
    | 'campaign'
    | 'buyer'
    | 'format'
    | 'fieldMapping'
    | 'headers'
    | 'headerNames'
    | 'timeoutMs'
    | 'successJsonPath'
    | 'successJsonEquals'
    | 'successSubstring'
    | 'maxAttempts'
    | 'active'
    | 'deletedAt'
    | 'createdAt'
    | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 40 })
  id: string = newId('dst');

  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Field(() => ID)
  get accountId(): string {
    return this.account.id;
  }

  @ManyToOne({ entity: () => Campaign, ref: true, nullable: true, deleteRule: 'cascade' })
  campaign: Ref<Campaign> | null = null;

  @Field(() => ID, { nullable: true })
  get campaignId(): string | null {
    return this.campaign?.id ?? null;
  }

  @ManyToOne({ entity: () => Buyer, ref: true, nullable: true, deleteRule: 'cascade' })
  buyer: Ref<Buyer> | null = null;

  @Field(() => ID, { nullable: true })
  get buyerId(): string | null {
    return this.buyer?.id ?? null;
  }

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  url!: string;

  @Field(() => DestinationFormat)
  @Property({ type: 'string', length: 8 })
  format: DestinationFormat = DestinationFormat.JSON;

  @Field(() => [FieldMap], { description: 'Outbound fields; empty sends our field names as they are.' })
  @Property({ type: 'json' })
  fieldMapping: FieldMap[] = [];

  /** Static headers sent with every delivery; values may be credentials, so only names are shown. */
  @Property({ type: 'json', hidden: true })
  headers: Record<string, string> = {};

  @Field(() => [String], { description: 'Names of the static headers (values are never shown).' })
  get headerNames(): string[] {
    return Object.keys(this.headers);
  }

  @Field(() => Int, { description: `Time one attempt may take, in milliseconds (default ${DEFAULT_TIMEOUT_MS}).` })
  @Property({ type: 'integer' })
  timeoutMs = DEFAULT_TIMEOUT_MS;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 200, nullable: true })
  successJsonPath: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 200, nullable: true })
  successJsonEquals: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 200, nullable: true })
  successSubstring: string | null = null;

  /** The HMAC key of `X-Leadgate-Signature`; kept in clear because signing needs it, shown once. */
  @Property({ type: 'string', length: 80, hidden: true })
  secret!: string;

  @Field(() => String, { description: 'The first characters of the signing secret.' })
  @Property({ type: 'string', length: 16 })
  secretPreview!: string;

  @Field(() => Int, { description: 'Attempts before a delivery is dead-lettered (default DELIVERY_MAX_ATTEMPTS, 8).' })
  @Property({ type: 'integer' })
  maxAttempts = 8;

  @Field(() => Boolean, { description: 'Inactive destinations get no new deliveries; queued ones still go out.' })
  @Property({ type: 'boolean' })
  active = true;

  /** Deleted destinations are kept (their deliveries, and leads in flight that still name them), never shown. */
  @Property({ type: DateTimeType, nullable: true })
  deletedAt: Date | null = null;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: DateTimeType, onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
