import { DateTimeType, Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids.js';
import { Account } from '../accounts/account.entity.js';

/** A brand of an account (a publication): it owns deployment types, and app ids are authorized per brand. */
@ObjectType('Brand', { description: 'A brand of the account: it owns deployment types; opt-in app ids are authorized per brand.' })
@Entity({ tableName: 'optin_brands' })
@Unique({ properties: ['account', 'abbreviation'] })
export class Brand {
  [OptionalProps]?: 'id' | 'accountId' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 40 })
  id: string = newId('brd');

  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Field(() => ID)
  get accountId(): string {
    return this.account.id;
  }

  @Field(() => String, { description: "Upper-case; the door's BrandId and the lookup path name the brand by it (any case)." })
  @Property({ type: 'string', length: 32 })
  abbreviation!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  createdAt: Date = new Date();
}
