import { DateTimeType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids.js';
import { Account } from '../accounts/account.entity.js';
import { Brand } from './brand.entity.js';
import { DeploymentType } from './deployment-type.entity.js';
import { OptStatus } from './optin-enums.js';

/**
 * The current opt-in status of one email for one deployment type (Omeda's "filter"). Written only
 * by the opt-in service, together with an {@link OptInChange}, under a per-email lock.
 */
@ObjectType('OptInStatus', { description: 'The current status of one email for one deployment type (an Omeda filter).' })
@Entity({ tableName: 'optin_statuses' })
@Unique({ properties: ['deploymentType', 'email'] })
@Index({ properties: ['account', 'email'] })
export class OptInStatus {
  [OptionalProps]?: 'id' | 'brandId' | 'brandAbbreviation' | 'promoCode';

  @PrimaryKey({ type: 'string', length: 40 })
  id: string = newId('ois');

  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @ManyToOne({ entity: () => Brand, ref: true })
  brand!: Ref<Brand>;

  @Field(() => ID)
  get brandId(): string {
    return this.brand.id;
  }

  @Field(() => String, { description: "The brand's abbreviation." })
  get brandAbbreviation(): string {
    return this.brand.getEntity().abbreviation;
  }

  @ManyToOne({ entity: () => DeploymentType, ref: true })
  deploymentType!: Ref<DeploymentType>;

  /** The deployment type's number, kept here so lists need no join. */
  @Field(() => Int, { name: 'deploymentTypeId' })
  @Property({ type: 'integer' })
  typeId!: number;

  @Field(() => String, { description: 'Lower-case; emails compare without regard to case.' })
  @Property({ type: 'string', length: 254 })
  email!: string;

  @Field(() => OptStatus)
  @Property({ type: 'string', length: 3 })
  status!: OptStatus;

  @Field(() => String, { description: "How the current status was set (the entry's Source)." })
  @Property({ type: 'string', length: 255 })
  source!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 50, nullable: true })
  promoCode: string | null = null;

  @Field(() => Date, { description: 'When the email first got a status for this deployment type.' })
  @Property({ type: DateTimeType })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the status was last written.' })
  @Property({ type: DateTimeType })
  changedAt!: Date;

  @Field(() => ID, { description: 'The submission that last wrote it.' })
  @Property({ type: 'string', length: 36 })
  submissionId!: string;
}
