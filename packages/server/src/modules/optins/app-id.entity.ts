import {
  Collection,
  DateTimeType,
  Entity,
  Index,
  ManyToMany,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
  type Ref,
} from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids.js';
import { Account } from '../accounts/account.entity.js';
import { Brand } from './brand.entity.js';

/**
 * An `x-omeda-appid` credential of an account: a vendor sends it to the opt-in queue doors. It may
 * act on the brands it is authorized for only. Stored as a SHA-256 hash; shown once when made.
 */
@ObjectType('OptInAppId', {
  description: 'An x-omeda-appid credential: a vendor sends it to the opt-in queue doors; it may act on its brands only.',
})
@Entity({ tableName: 'optin_app_ids' })
@Index({ properties: ['account'] })
export class OptInAppId {
  [OptionalProps]?: 'id' | 'accountId' | 'brandIds' | 'createdAt' | 'revokedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 40 })
  id: string = newId('oap');

  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Field(() => ID)
  get accountId(): string {
    return this.account.id;
  }

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 64, hidden: true })
  @Unique()
  keyHash!: string;

  @Field(() => String, { description: 'The first characters of the app id, to tell app ids apart.' })
  @Property({ type: 'string', length: 16 })
  preview!: string;

  @ManyToMany({ entity: () => Brand, pivotTable: 'optin_app_id_brands', joinColumn: 'app_id_id', inverseJoinColumn: 'brand_id' })
  brands = new Collection<Brand>(this);

  @Field(() => [ID], { description: 'The brands this app id may opt addresses in to and out of, and look up.' })
  get brandIds(): string[] {
    return this.brands.isInitialized()
      ? this.brands
          .getItems()
          .map((b) => b.id)
          .sort()
      : [];
  }

  @Field(() => Date)
  @Property({ type: DateTimeType })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true, description: 'Set when revoked; the doors then answer 403.' })
  @Property({ type: DateTimeType, nullable: true })
  revokedAt: Date | null = null;
}
