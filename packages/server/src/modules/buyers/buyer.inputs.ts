import { Field, Float, ID, InputType } from 'type-graphql';
import { ConditionInput } from '../campaigns/named-rule.js';
import { Caps, ScheduleWindow } from '../campaigns/requirements.js';
import { BuyerStatus } from './buyer-status.js';
import { PriceRuleInput } from './price-rule.js';

/** Settings shared by create and update; on update an omitted field keeps its value and null clears it. */
@InputType()
export class BuyerSettingsInput {
  @Field(() => BuyerStatus, { nullable: true, description: 'Default ACTIVE.' })
  status?: BuyerStatus | null;

  @Field(() => [PriceRuleInput], { nullable: true, description: 'Prices by condition, tried in order; replaces the list; default none.' })
  priceRules?: PriceRuleInput[] | null;

  @Field(() => ConditionInput, { nullable: true, description: 'The condition a lead must satisfy; default none (every lead).' })
  filter?: ConditionInput | null;

  @Field(() => Caps, { nullable: true, description: 'Leads sold per day, week, month and in total; default none.' })
  caps?: Caps | null;

  @Field(() => [ScheduleWindow], { nullable: true, description: "Weekly windows in the account's time zone; default none (always)." })
  schedule?: ScheduleWindow[] | null;
}

@InputType('CreateBuyerInput')
export class CreateBuyerInput extends BuyerSettingsInput {
  @Field(() => ID, { nullable: true, description: "Defaults to the API key's account; required with the platform key." })
  accountId?: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => Float, { description: 'Default price per lead in dollars, when no price rule holds.' })
  price!: number;
}

@InputType('UpdateBuyerInput', {
  description: 'Fields to change; omitted fields keep their value, null clears optional ones (name and price: null keeps).',
})
export class UpdateBuyerInput extends BuyerSettingsInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => Float, { nullable: true, description: 'Default price per lead in dollars.' })
  price?: number | null;
}
