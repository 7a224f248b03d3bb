import { DateTimeType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids.js';
import { centsToAmount } from '../../shared/money.js';
import { Account } from '../accounts/account.entity.js';
import { CampaignStatus } from './campaign-status.js';
import { NamedRule } from './named-rule.js';
import {
  Caps,
  ConsentRequirement,
  CustomField,
  DuplicateCheck,
  DuplicateKey,
  LeadRouting,
  ListMode,
  ScheduleWindow,
  StateTargeting,
} from './requirements.js';

/** A customer's campaign: where sources post leads. */
@ObjectType('Campaign')
@Entity({ tableName: 'campaigns' })
@Index({ properties: ['account', 'category'] })
export class Campaign {
  [OptionalProps]?:
    | 'id'
    | 'accountId'
    | 'status'
    | 'requiredFields'
    | 'defaultPriceCents'
    | 'defaultPrice'
    | 'createdAt'
    | 'updatedAt'
    | 'periodStart'
    | 'periodEnd'
    | 'schedule'
    | 'customFields'
    | 'stateTargeting'
    | 'zipMode'
    | 'zipCount'
    | 'usIpOnly'
    | 'consent'
    | 'rules'
    | 'duplicates'
    | 'caps'
    | 'configVersion'
    | 'routing'
    | 'maxBuyersPerLead'
    | 'pendingMaxAgeHours';

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

  @Field(() => String, { description: "IANA time zone for schedules and caps; defaults to the account's." })
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

  @Field(() => String, { nullable: true, description: 'First local date (YYYY-MM-DD) leads are taken; null is no start.' })
  @Property({ type: 'string', length: 10, nullable: true })
  periodStart: string | null = null;

  @Field(() => String, { nullable: true, description: 'Last local date (YYYY-MM-DD) leads are taken, inclusive; null is no end.' })
  @Property({ type: 'string', length: 10, nullable: true })
  periodEnd: string | null = null;

  @Field(() => [ScheduleWindow], { description: 'Weekly windows in the campaign time zone; empty is always open.' })
  @Property({ type: 'json' })
  schedule: ScheduleWindow[] = [];

  @Field(() => [CustomField], { description: 'Fields beyond the standard ones, with their types.' })
  @Property({ type: 'json' })
  customFields: CustomField[] = [];

  @Field(() => StateTargeting, { nullable: true })
  @Property({ type: 'json', nullable: true })
  stateTargeting: StateTargeting | null = null;

  @Field(() => ListMode, { nullable: true, description: 'How the zip list applies; null turns zip targeting off.' })
  @Property({ type: 'string', length: 8, nullable: true })
  zipMode: ListMode | null = null;

  @Field(() => Int, { description: 'Entries in the zip list (download it as CSV from /campaigns/{id}/zips.csv).' })
  @Property({ type: 'integer' })
  zipCount = 0;

  @Field(() => Boolean, { description: 'Reject leads whose IP is not in the US.' })
  @Property({ type: 'boolean' })
  usIpOnly = false;

  @Field(() => ConsentRequirement)
  @Property({ type: 'string', length: 16 })
  consent: ConsentRequirement = ConsentRequirement.NONE;

  @Field(() => [NamedRule], { description: 'Named conditions and filters, run in this order.' })
  @Property({ type: 'json' })
  rules: NamedRule[] = [];

  @Field(() => DuplicateCheck)
  @Property({ type: 'json' })
  duplicates: DuplicateCheck = { keys: [DuplicateKey.EMAIL, DuplicateKey.PHONE], windowDays: 30 };

  @Field(() => Caps, { description: 'Campaign-wide caps on accepted live leads ("Campaign cap").' })
  @Property({ type: 'json' })
  caps: Caps = {};

  @Field(() => LeadRouting, { description: "NONE (default) or BUYERS: sell accepted leads to the account's buyers." })
  @Property({ type: 'string', length: 8 })
  routing: LeadRouting = LeadRouting.NONE;

  @Field(() => Int, { description: 'How many buyers one lead may be sold to; default 1 (exclusive).' })
  @Property({ type: 'integer' })
  maxBuyersPerLead = 1;

  @Field(() => Int, { description: 'Pending leads younger than this are offered again to new buyers; default 72 hours.' })
  @Property({ type: 'integer' })
  pendingMaxAgeHours = 72;

  /** Bumped on every change of the campaign's rules, so compiled snapshots can be cached by it. */
  @Property({ type: 'integer' })
  configVersion = 1;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: DateTimeType, onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
