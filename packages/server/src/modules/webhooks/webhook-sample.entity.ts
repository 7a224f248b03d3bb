import { DateTimeType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids.js';
import { SourceCampaign } from '../sources/source-campaign.entity.js';

@ObjectType('WebhookSampleField', { description: 'A parameter a vendor sent, with the value of that sample.' })
export class WebhookSampleField {
  @Field(() => String) name!: string;
  @Field(() => String) value!: string;
}

/** A request received on a webhook before its mapping existed, kept so the customer can map it. */
@ObjectType('WebhookSample')
@Entity({ tableName: 'webhook_samples' })
@Index({ properties: ['sourceCampaign', 'receivedAt'] })
export class WebhookSample {
  [OptionalProps]?: 'id' | 'receivedAt' | 'fields';

  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 40 })
  id: string = newId('whs');

  @ManyToOne({ entity: () => SourceCampaign, ref: true, deleteRule: 'cascade' })
  sourceCampaign!: Ref<SourceCampaign>;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  receivedAt: Date = new Date();

  @Field(() => String, { description: 'The Content-Type it came with.' })
  @Property({ type: 'string', length: 100 })
  contentType!: string;

  /** Flattened parameters (dotted names for nested JSON), as a list: JSON objects may not keep key order. */
  @Property({ type: 'json' })
  params!: WebhookSampleField[];

  @Field(() => [WebhookSampleField], { description: 'Every parameter, in the order received.' })
  get fields(): WebhookSampleField[] {
    return this.params;
  }
}
