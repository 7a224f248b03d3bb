import { FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { centsToAmount } from '../../shared/money.js';
import { PriceRule } from './price-rule.js';

/** Stored pricing rules are plain JSON, so their dollar price is resolved here. */
@Resolver(() => PriceRule)
export class PriceRuleResolver {
  @FieldResolver(() => Float, { description: 'Price per lead in dollars when the condition holds.' })
  price(@Root() rule: PriceRule): number {
    return centsToAmount(rule.priceCents);
  }
}
