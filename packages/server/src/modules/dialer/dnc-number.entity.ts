import { DateTimeType, Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { DialerCampaign } from './dialer-campaign.entity.js';

/** The scope value of account-wide DNC numbers (a dialer campaign's numbers use its id). */
export const ACCOUNT_DNC_SCOPE = 'account';

/** The scope value of the purpose list: the dialer door's `campaign_id=-1` ("purpose type DNC"). */
export const PURPOSE_DNC_SCOPE = 'purpose';

/** A Do Not Call number: account-wide, on the purpose list, or for one dialer campaign. */
@ObjectType('DncNumber', {
  description: 'A Do Not Call number, account-wide (dialerCampaignId null), on the purpose list, or for one dialer campaign.',
})
@Entity({ tableName: 'dnc_numbers' })
@Unique({ properties: ['account', 'scope', 'phone'] })
export class DncNumber {
  [OptionalProps]?:
    | 'id'
    | 'accountId'
    | 'dialerCampaignId'
    | 'dialerCampaign'
    | 'purposeList'
    | 'note'
    | 'reason'
    | 'purpose'
    | 'createdAt';

  /** Numeric, as dialer integrations read it (the DNC door's `id`). */
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Field(() => ID)
  get accountId(): string {
    return this.account.id;
  }

  /** `account`, `purpose`, or the dialer campaign's id: one non-null column for the unique index. */
  @Property({ type: 'string', length: 40 })
  scope!: string;

  @ManyToOne({ entity: () => DialerCampaign, ref: true, nullable: true, deleteRule: 'cascade' })
  dialerCampaign: Ref<DialerCampaign> | null = null;

  @Field(() => ID, { nullable: true, description: 'Null for an account-wide or purpose-list number.' })
  get dialerCampaignId(): number | null {
    return this.dialerCampaign?.id ?? null;
  }

  @Field(() => Boolean, { description: "On the purpose list (the dialer door's campaign_id=-1) rather than the account-wide one." })
  get purposeList(): boolean {
    return this.scope === PURPOSE_DNC_SCOPE;
  }

  @Field(() => String, { description: 'E.164.' })
  @Property({ type: 'string', length: 32 })
  phone!: string;

  @Field(() => String, { nullable: true, description: 'Free text.' })
  @Property({ type: 'string', length: 500, nullable: true })
  note: string | null = null;

  @Field(() => String, { nullable: true, description: "Why it is listed, e.g. DNC, DNCT, ConsentRevoked (the dialer door's reason)." })
  @Property({ type: 'string', length: 100, nullable: true })
  reason: string | null = null;

  @Field(() => String, { nullable: true, description: "What calls it bars, e.g. TELEMKT, COLLECT (the dialer door's purpose)." })
  @Property({ type: 'string', length: 100, nullable: true })
  purpose: string | null = null;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  createdAt: Date = new Date();
}
