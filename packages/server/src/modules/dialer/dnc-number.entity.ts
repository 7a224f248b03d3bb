import { DateTimeType, Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids.js';
import { Account } from '../accounts/account.entity.js';
import { DialerCampaign } from './dialer-campaign.entity.js';

/** The scope value of account-wide DNC numbers (a dialer campaign's numbers use its id). */
export const ACCOUNT_DNC_SCOPE = 'account';

/** A Do Not Call number: account-wide, or for one dialer campaign. */
@ObjectType('DncNumber', { description: 'A Do Not Call number, account-wide (dialerCampaignId null) or for one dialer campaign.' })
@Entity({ tableName: 'dnc_numbers' })
@Unique({ properties: ['account', 'scope', 'phone'] })
export class DncNumber {
  [OptionalProps]?: 'id' | 'accountId' | 'dialerCampaignId' | 'dialerCampaign' | 'note' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 40 })
  id: string = newId('dnc');

  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Field(() => ID)
  get accountId(): string {
    return this.account.id;
  }

  /** `account`, or the dialer campaign's id: one non-null column for the unique index. */
  @Property({ type: 'string', length: 40 })
  scope!: string;

  @ManyToOne({ entity: () => DialerCampaign, ref: true, nullable: true, deleteRule: 'cascade' })
  dialerCampaign: Ref<DialerCampaign> | null = null;

  @Field(() => ID, { nullable: true, description: 'Null for an account-wide number.' })
  get dialerCampaignId(): number | null {
    return this.dialerCampaign?.id ?? null;
  }

  @Field(() => String, { description: 'E.164.' })
  @Property({ type: 'string', length: 32 })
  phone!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  note: string | null = null;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  createdAt: Date = new Date();
}
