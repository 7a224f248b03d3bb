import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import type { Condition } from '../../rules/index.js';
import { ConditionInput } from '../campaigns/named-rule.js';

/**
 * A buyer's pricing rule as stored (JSON): when `condition` holds for a lead, the buyer pays
 * `priceCents` for it. A buyer's rules are tried in order; the first that holds sets the price.
 * The GraphQL `price` (dollars) is resolved by `PriceRuleResolver`, since stored rules are plain JSON.
 */
@ObjectType('PriceRule', { description: 'When the condition holds for a lead, the buyer pays this price; the first rule that holds wins.' })
export class PriceRule {
  @Field(() => GraphQLJSONObject, { description: 'The rule in the condition language (all / any / not / field-op-value).' })
  condition!: Condition;

  @Field(() => Int, { description: 'price in integer cents.' })
  priceCents!: number;
}

@InputType('PriceRuleInput')
export class PriceRuleInput {
  @Field(() => ConditionInput)
  condition!: ConditionInput;

  @Field(() => Float, { description: 'Price per lead in dollars when the condition holds.' })
  price!: number;
}
