import { DateTimeType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, UseMiddleware } from 'type-graphql';
import { maskedForReaders } from '../../auth/reader-mask.middleware.js';
import { maskEmail, maskName, maskPhone, maskWhole, maskZip } from '../../shared/mask.js';
import { newId } from '../../shared/ids.js';
import { centsToAmount } from '../../shared/money.js';
import { ReasonCode } from './reason-code.js';
import { decodeTrace, TraceEntry } from './trace.js';
import { Account } from '../accounts/account.entity.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { Source } from '../sources/source.entity.js';
import { LeadDoor, LeadStatus } from './lead-enums.js';

/** A consumer lead as stored: normalized fields and the decision taken on it. */
@ObjectType('Lead', {
  description:
    'A stored lead and its decision. READER keys see its contact fields masked (an initial, the email domain, the last four phone digits, the ZIP prefix) and no raw request.',
})
@Entity({ tableName: 'leads' })
@Index({ properties: ['account', 'receivedAt'] })
@Index({ properties: ['campaign', 'receivedAt'] })
@Index({ properties: ['source', 'receivedAt'] })
export class Lead {
  [OptionalProps]?:
    | 'id'
    | 'accountId'
    | 'campaignId'
    | 'sourceId'
    | 'price'
    | 'reasonCode'
    | 'reasonMessage'
    | 'priceCents'
    | 'isTest'
    | 'receivedAt'
    | 'first'
    | 'last'
    | 'email'
    | 'phone'
    | 'address'
    | 'city'
    | 'state'
    | 'zip'
    | 'ip'
    | 'subId'
    | 'affId'
    | 'trustedFormCertUrl'
    | 'jornayaLeadId'
    | 'extra'
    | 'storedTrace'
    | 'trace'
    | 'raw';

  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 40 })
  id: string = newId('lead');

  // No index of their own (index: false): each column leads a composite index with receivedAt,
  // which serves the same lookups, so another index would only slow every insert.
  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade', index: false })
  account!: Ref<Account>;

  @ManyToOne({ entity: () => Campaign, ref: true, deleteRule: 'cascade', index: false })
  campaign!: Ref<Campaign>;

  @ManyToOne({ entity: () => Source, ref: true, deleteRule: 'cascade', index: false })
  source!: Ref<Source>;

  @Field(() => ID)
  get accountId(): string {
    return this.account.id;
  }

  @Field(() => ID)
  get campaignId(): string {
    return this.campaign.id;
  }

  @Field(() => ID)
  get sourceId(): string {
    return this.source.id;
  }

  @Field(() => LeadStatus)
  @Property({ type: 'string', length: 16 })
  status!: LeadStatus;

  @Field(() => ReasonCode, { nullable: true })
  @Property({ type: 'string', length: 40, nullable: true })
  reasonCode: ReasonCode | null = null;

  @Field(() => String, { description: 'The exact reason message; empty when accepted.' })
  @Property({ type: 'string', length: 500 })
  reasonMessage = '';

  @Field(() => Int)
  @Property({ type: 'integer' })
  priceCents = 0;

  @Field(() => Float, { description: 'Price in dollars; 0 unless accepted.' })
  get price(): number {
    return centsToAmount(this.priceCents);
  }

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  isTest = false;

  @Field(() => LeadDoor)
  @Property({ type: 'string', length: 16 })
  door!: LeadDoor;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  receivedAt: Date = new Date();

  @Field(() => String, { nullable: true })
  @UseMiddleware(maskedForReaders(maskName))
  @Property({ type: 'string', length: 100, nullable: true })
  first: string | null = null;

  @Field(() => String, { nullable: true })
  @UseMiddleware(maskedForReaders(maskName))
  @Property({ type: 'string', length: 100, nullable: true })
  last: string | null = null;

  @Field(() => String, { nullable: true })
  @UseMiddleware(maskedForReaders(maskEmail))
  @Property({ type: 'string', length: 254, nullable: true })
  email: string | null = null;

  @Field(() => String, { nullable: true, description: 'E.164 when it could be parsed, else as posted.' })
  @UseMiddleware(maskedForReaders(maskPhone))
  @Property({ type: 'string', length: 32, nullable: true })
  phone: string | null = null;

  @Field(() => String, { nullable: true })
  @UseMiddleware(maskedForReaders(maskWhole))
  @Property({ type: 'string', length: 200, nullable: true })
  address: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 100, nullable: true })
  city: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 32, nullable: true })
  state: string | null = null;

  @Field(() => String, { nullable: true })
  @UseMiddleware(maskedForReaders(maskZip))
  @Property({ type: 'string', length: 16, nullable: true })
  zip: string | null = null;

  @Field(() => String, { nullable: true })
  @UseMiddleware(maskedForReaders(maskWhole))
  @Property({ type: 'string', length: 64, nullable: true })
  ip: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 100, nullable: true })
  subId: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 100, nullable: true })
  affId: string | null = null;

  @Field(() => String, { nullable: true })
  @UseMiddleware(maskedForReaders(maskWhole))
  @Property({ type: 'string', length: 500, nullable: true })
  trustedFormCertUrl: string | null = null;

  @Field(() => String, { nullable: true })
  @UseMiddleware(maskedForReaders(maskWhole))
  @Property({ type: 'string', length: 100, nullable: true })
  jornayaLeadId: string | null = null;

  @Field(() => GraphQLJSONObject, { description: 'Fields beyond the standard ones (campaign custom fields).' })
  @Property({ type: 'json' })
  extra: Record<string, string> = {};

  /** The trace as stored (see encodeTrace); read `trace`. */
  @Property({ type: 'json', fieldName: 'trace' })
  storedTrace: string | TraceEntry[] = [];

  @Field(() => [TraceEntry], { description: 'Every rule stage that ran, in order, with its outcome.' })
  get trace(): TraceEntry[] {
    return decodeTrace(this.storedTrace, this.reasonCode, this.reasonMessage);
  }

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'The request as the vendor sent it, for webhook leads (to check a mapping); null for READER keys.',
  })
  @UseMiddleware(maskedForReaders(() => null))
  @Property({ type: 'json', nullable: true })
  raw: Record<string, string> | null = null;
}
