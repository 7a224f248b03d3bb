import { BigIntType, DateTimeType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { Brand } from './brand.entity.js';
import { DeploymentType } from './deployment-type.entity.js';
import { OptInLevel, OptStatus } from './optin-enums.js';

/**
 * One write to the opt-in ledger, kept forever. Rows of one email are numbered in the order their
 * transactions held the email's lock, so the last one is always the current status.
 */
@ObjectType('OptInChange', { description: 'One write to the opt-in ledger: kept forever, in the order it was applied.' })
@Entity({ tableName: 'optin_changes' })
@Index({ properties: ['account', 'email', 'seq'] })
@Index({ properties: ['submissionId'] })
export class OptInChange {
  [OptionalProps]?: 'seq' | 'brandId' | 'promoCode' | 'previousStatus';

  @Field(() => ID, { description: 'Increases with every change: orders the history.' })
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  seq!: number;

  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @ManyToOne({ entity: () => Brand, ref: true })
  brand!: Ref<Brand>;

  @Field(() => ID)
  get brandId(): string {
    return this.brand.id;
  }

  @ManyToOne({ entity: () => DeploymentType, ref: true })
  deploymentType!: Ref<DeploymentType>;

  @Field(() => Int, { name: 'deploymentTypeId' })
  @Property({ type: 'integer' })
  typeId!: number;

  @Field(() => String)
  @Property({ type: 'string', length: 254 })
  email!: string;

  @Field(() => OptStatus, { nullable: true, description: 'The status before this change; null when the email had none.' })
  @Property({ type: 'string', length: 3, nullable: true })
  previousStatus: OptStatus | null = null;

  @Field(() => OptStatus)
  @Property({ type: 'string', length: 3 })
  status!: OptStatus;

  @Field(() => String)
  @Property({ type: 'string', length: 255 })
  source!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 50, nullable: true })
  promoCode: string | null = null;

  @Field(() => OptInLevel, { description: 'The level of the entry that made it.' })
  @Property({ type: 'string', length: 16 })
  level!: OptInLevel;

  @Field(() => ID)
  @Property({ type: 'string', length: 36 })
  submissionId!: string;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  changedAt!: Date;
}
