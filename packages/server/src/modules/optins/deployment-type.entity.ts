import { DateTimeType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids.js';
import { Account } from '../accounts/account.entity.js';
import { Brand } from './brand.entity.js';

/** A kind of email a brand sends (a newsletter, promotions...): what an address opts in to or out of. */
@ObjectType('DeploymentType', { description: 'A kind of email a brand sends: what an address opts in to or out of.' })
@Entity({ tableName: 'optin_deployment_types' })
@Unique({ properties: ['account', 'typeId'] })
@Index({ properties: ['brand'] })
export class DeploymentType {
  [OptionalProps]?: 'id' | 'accountId' | 'brandId' | 'active' | 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 40 })
  id: string = newId('dpt');

  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Field(() => ID)
  get accountId(): string {
    return this.account.id;
  }

  @ManyToOne({ entity: () => Brand, ref: true })
  brand!: Ref<Brand>;

  @Field(() => ID)
  get brandId(): string {
    return this.brand.id;
  }

  /** The number vendors send as DeploymentTypeId; unique within the account. */
  @Field(() => Int, { name: 'deploymentTypeId', description: 'The number vendors send as DeploymentTypeId; unique within the account.' })
  @Property({ type: 'integer' })
  typeId!: number;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => Boolean, {
    description: 'Client- and brand-level entries reach only active deployment types; listed ones are written either way.',
  })
  @Property({ type: 'boolean' })
  active = true;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: DateTimeType, onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
