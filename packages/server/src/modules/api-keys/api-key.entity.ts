import { DateTimeType, Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids.js';
import { Account } from '../accounts/account.entity.js';
import { Source } from '../sources/source.entity.js';
import { ApiKeyRole } from '../../auth/api-key-role.js';

/**
 * An API key, sent as `Authorization: Bearer <key>`. Account-scoped; a key with no account
 * is a platform admin key (the bootstrap key), which may create accounts and act on any.
 */
@ObjectType('ApiKey')
@Entity({ tableName: 'api_keys' })
export class ApiKey {
  [OptionalProps]?: 'id' | 'accountId' | 'sourceId' | 'account' | 'source' | 'createdAt' | 'revokedAt' | 'rateLimitPerMinute';

  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 40 })
  id: string = newId('key');

  @ManyToOne({ entity: () => Account, ref: true, nullable: true, deleteRule: 'cascade' })
  account: Ref<Account> | null = null;

  @Field(() => ID, { nullable: true, description: 'Null for a platform admin key.' })
  get accountId(): string | null {
    return this.account?.id ?? null;
  }

  @Field(() => ApiKeyRole)
  @Property({ type: 'string', length: 16 })
  role!: ApiKeyRole;

  @ManyToOne({ entity: () => Source, ref: true, nullable: true, deleteRule: 'cascade' })
  source: Ref<Source> | null = null;

  @Field(() => ID, { nullable: true, description: 'The source a SOURCE key posts as.' })
  get sourceId(): string | null {
    return this.source?.id ?? null;
  }

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 64, hidden: true })
  @Unique()
  keyHash!: string;

  @Field(() => String, { description: 'The first characters of the key, to tell keys apart.' })
  @Property({ type: 'string', length: 16 })
  preview!: string;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: DateTimeType, nullable: true })
  revokedAt: Date | null = null;

  @Field(() => Int, {
    nullable: true,
    description: "Requests per minute this key may make; null for the gateway's default (RATE_LIMIT_PER_MINUTE).",
  })
  @Property({ type: 'integer', nullable: true })
  rateLimitPerMinute: number | null = null;
}
