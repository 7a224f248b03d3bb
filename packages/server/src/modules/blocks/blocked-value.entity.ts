import { DateTimeType, Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { newId } from '../../shared/ids.js';
import { Account } from '../accounts/account.entity.js';

/** What a block-list entry blocks. */
export enum BlockKind {
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
}

registerEnumType(BlockKind, { name: 'BlockKind' });

/** An account-wide blocked phone (E.164) or email (lower-case). */
@ObjectType('BlockedValue')
@Entity({ tableName: 'blocked_values' })
@Unique({ properties: ['account', 'kind', 'value'] })
export class BlockedValue {
  [OptionalProps]?: 'id' | 'createdAt' | 'accountId';

  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 40 })
  id: string = newId('blk');

  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Field(() => ID)
  get accountId(): string {
    return this.account.id;
  }

  @Field(() => BlockKind)
  @Property({ type: 'string', length: 8 })
  kind!: BlockKind;

  @Field(() => String)
  @Property({ type: 'string', length: 254 })
  value!: string;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  createdAt: Date = new Date();
}
