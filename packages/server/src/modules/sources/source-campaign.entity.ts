import { DateTimeType, Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids.js';
import { centsToAmount } from '../../shared/money.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { Caps } from '../campaigns/requirements.js';
import { WebhookFieldMapping } from './webhook-mapping.js';
import { randomToken } from '../../shared/ids.js';
import { Source } from './source.entity.js';

/** 32 random base-36 characters (about 165 bits): an unguessable URL path segment. */
export const newSecretId = () => randomToken(32);

/** A source's approval to post into one campaign. */
@ObjectType('SourceCampaign', { description: "A source's approval to post into one campaign." })
@Entity({ tableName: 'source_campaigns' })
@Unique({ properties: ['source', 'campaign'] })
export class SourceCampaign {
  [OptionalProps]?:
    | 'id'
    | 'sourceId'
    | 'campaignId'
    | 'active'
    | 'priceCents'
    | 'price'
    | 'createdAt'
    | 'updatedAt'
    | 'requiredFields'
    | 'caps'
    | 'blockedSubIds'
    | 'blockedAffIds'
    | 'webhookId'
    | 'instructionsToken'
    | 'webhookMapping';

  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 40 })
  id: string = newId('sc');

  @ManyToOne({ entity: () => Source, ref: true, deleteRule: 'cascade' })
  source!: Ref<Source>;

  @ManyToOne({ entity: () => Campaign, ref: true, deleteRule: 'cascade' })
  campaign!: Ref<Campaign>;

  @Field(() => ID)
  get sourceId(): string {
    return this.source.id;
  }

  @Field(() => ID)
  get campaignId(): string {
    return this.campaign.id;
  }

  @Field(() => Boolean, { description: 'Only an active approval lets the source post.' })
  @Property({ type: 'boolean' })
  active = true;

  @Field(() => Int, { nullable: true, description: "Price override in cents; null uses the campaign's default." })
  @Property({ type: 'integer', nullable: true })
  priceCents: number | null = null;

  @Field(() => Float, { nullable: true, description: "Price override in dollars; null uses the campaign's default." })
  get price(): number | null {
    return this.priceCents === null ? null : centsToAmount(this.priceCents);
  }

  @Field(() => [String], { description: "Fields this source must send on top of the campaign's." })
  @Property({ type: 'json' })
  requiredFields: string[] = [];

  @Field(() => Caps, { description: 'Caps on this source\'s accepted live leads ("Daily cap", ...).' })
  @Property({ type: 'json' })
  caps: Caps = {};

  @Field(() => [String], { description: 'Sub ids refused with "SubID blocked".' })
  @Property({ type: 'json' })
  blockedSubIds: string[] = [];

  @Field(() => [String], { description: 'Affiliate ids refused with "AffID blocked".' })
  @Property({ type: 'json' })
  blockedAffIds: string[] = [];

  /** The unguessable id of this approval's webhook URL, /webhook/{webhookId}; rotatable. */
  @Property({ type: 'string', length: 40, nullable: true, unique: true })
  webhookId: string | null = newSecretId();

  /** The posting instructions page is /instructions/{instructionsToken}; null when revoked. */
  @Property({ type: 'string', length: 40, nullable: true, unique: true })
  instructionsToken: string | null = newSecretId();

  @Field(() => [WebhookFieldMapping], {
    nullable: true,
    description: 'How webhook parameters map to lead fields; null until mapped (posts are kept as samples).',
  })
  @Property({ type: 'json', nullable: true })
  webhookMapping: WebhookFieldMapping[] | null = null;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: DateTimeType, onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
