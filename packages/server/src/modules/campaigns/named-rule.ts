import { GraphQLJSON, GraphQLJSONObject } from 'graphql-scalars';
import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { Condition } from '../../rules/index.js';
import { RuleKind } from './requirements.js';

/** A campaign condition or filter: a name and a rule in the condition language. */
@ObjectType('NamedRule')
export class NamedRule {
  @Field(() => String, { description: 'Shown in the reason: "Condition: {name}" or "Filter: {name}".' })
  name!: string;

  @Field(() => RuleKind)
  kind!: RuleKind;

  @Field(() => GraphQLJSONObject, { description: 'The rule in the condition language (all / any / not / field-op-value).' })
  condition!: Condition;
}

export enum ConditionOperator {
  eq = 'eq',
  ne = 'ne',
  in = 'in',
  notIn = 'notIn',
  gt = 'gt',
  gte = 'gte',
  lt = 'lt',
  lte = 'lte',
  contains = 'contains',
  startsWith = 'startsWith',
  endsWith = 'endsWith',
  exists = 'exists',
  notExists = 'notExists',
  matches = 'matches',
}

registerEnumType(ConditionOperator, { name: 'ConditionOperator' });

/** One node of a condition: exactly one of `all`, `any`, `not`, or `field` with `op` (and `value`). */
@InputType('ConditionInput', { description: 'Exactly one of all, any, not, or field + op (+ value).' })
export class ConditionInput {
  @Field(() => [ConditionInput], { nullable: true }) all?: ConditionInput[] | null;
  @Field(() => [ConditionInput], { nullable: true }) any?: ConditionInput[] | null;
  @Field(() => ConditionInput, { nullable: true }) not?: ConditionInput | null;
  @Field(() => String, { nullable: true, description: 'A lead field: a standard name (state, zip, ...) or a custom one.' }) field?:
    | string
    | null;
  @Field(() => ConditionOperator, { nullable: true }) op?: ConditionOperator | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'A string, number, boolean, or for in/notIn a list of them.' }) value?: unknown;
}

@InputType('NamedRuleInput')
export class NamedRuleInput {
  @Field(() => String) name!: string;
  @Field(() => RuleKind) kind!: RuleKind;
  @Field(() => ConditionInput) condition!: ConditionInput;
}

/** The GraphQL input as plain JSON for the validator: nulls dropped, class instances gone. */
export function conditionInputToJson(input: ConditionInput): unknown {
  const out: Record<string, unknown> = {};
  if (input.all != null) out.all = input.all.map(conditionInputToJson);
  if (input.any != null) out.any = input.any.map(conditionInputToJson);
  if (input.not != null) out.not = conditionInputToJson(input.not);
  if (input.field != null) out.field = input.field;
  if (input.op != null) out.op = input.op;
  if (input.value !== undefined && input.value !== null) out.value = input.value;
  return out;
}
