import { DateTimeType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Account } from './account.entity.js';

/** How long a former slug keeps resolving to its account after a rename, in days. */
export const SLUG_ALIAS_DAYS = 30;

/**
 * A former slug of an account: it still finds the account (marketplace posts name the seller by
 * code or slug) until `expiresAt`, and no other account may take it before then.
 */
@Entity({ tableName: 'account_slug_aliases' })
@Index({ properties: ['account'] })
export class AccountSlugAlias {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'string', length: 64 })
  slug!: string;

  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Property({ type: DateTimeType })
  expiresAt!: Date;

  @Property({ type: DateTimeType })
  createdAt: Date = new Date();
}
