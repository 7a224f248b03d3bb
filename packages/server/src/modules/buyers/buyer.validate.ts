import { badInput } from '../../errors/app-error.js';
import { validateCondition, type Condition } from '../../rules/index.js';
import { amountToCents } from '../../shared/money.js';
import { CUSTOM_FIELD_NAME, isStandardField } from '../fields/lead-fields.js';
import { conditionInputToJson, type ConditionInput } from '../campaigns/named-rule.js';
import type { PriceRule, PriceRuleInput } from './price-rule.js';

/** Most pricing rules one buyer may have. */
export const MAX_PRICE_RULES = 50;

/** Every field name a condition reads. */
function conditionFields(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionFields);
  if ('any' in condition) return condition.any.flatMap(conditionFields);
  if ('not' in condition) return conditionFields(condition.not);
  return [condition.field];
}

/**
 * A condition from the API, validated and normalized, or BAD_USER_INPUT whose message starts
 * with `at` (e.g. `filter`, `priceRules[2].condition`). Dotted names are refused as campaign
 * rules refuse them: a lead field name never has a dot, so such a condition could never see a value.
 */
export function validateLeadCondition(input: ConditionInput, at: string, field: string): Condition {
  const result = validateCondition(conditionInputToJson(input));
  if (!result.ok) throw badInput(`${at}: ${result.errors.join('; ')}`, { field });
  const dotted = conditionFields(result.condition).find((f) => !isStandardField(f) && !CUSTOM_FIELD_NAME.test(f));
  if (dotted) throw badInput(`${at}: "${dotted}" is not a lead field name (a letter, then letters, digits or _)`, { field });
  return result.condition;
}

/** Pricing rules from the API: each condition validated, each price in cents; order kept. */
export function validatePriceRules(rules: PriceRuleInput[]): PriceRule[] {
  if (rules.length > MAX_PRICE_RULES) throw badInput(`priceRules may hold at most ${MAX_PRICE_RULES} rules`, { field: 'priceRules' });
  return rules.map((rule, i) => ({
    condition: validateLeadCondition(rule.condition, `priceRules[${i}].condition`, 'priceRules'),
    priceCents: amountToCents(rule.price, `priceRules[${i}].price`),
  }));
}
