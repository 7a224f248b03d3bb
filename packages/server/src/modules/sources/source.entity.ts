import { DateTimeType, Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids.js';
import { Account } from '../accounts/account.entity.js';

/** A vendor (seller, affiliate) that posts leads into an account's campaigns. */
@ObjectType('Source')
@Entity({ tableName: 'sources' })
export class Source {
  [OptionalProps]?: 'id' | 'accountId' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 40 })
  id: string = newId('src');

  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Field(() => ID)
  get accountId(): string {
    return this.account.id;
  }

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  /** SHA-256 of the source auth key; the key itself is shown once, by createSource. */
  @Property({ type: 'string', length: 64, hidden: true })
  authKeyHash!: string;

  @Field(() => String, { description: 'The first characters of the auth key, to tell keys apart.' })
  @Property({ type: 'string', length: 16 })
  authKeyPreview!: string;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  createdAt: Date = new Date();
}
