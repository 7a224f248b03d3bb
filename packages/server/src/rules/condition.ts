/**
 * The condition language shared by campaign conditions and filters, buyer filters and buyer
 * pricing rules: nested `all` / `any` / `not` over `{ field, op, value }` leaves. A condition is
 * data (JSON in the database, a GraphQL input), checked by `validateCondition` when it is saved
 * and turned into a function by `compileCondition` once per campaign version.
 */

/** Every operator, in the order error messages and documentation list them. */
export const CONDITION_OPS = [
  'eq',
  'ne',
  'in',
  'notIn',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'startsWith',
  'endsWith',
  'exists',
  'notExists',
  'matches',
] as const;

/** An operator of a `{ field, op, value }` leaf. */
export type ConditionOp = (typeof CONDITION_OPS)[number];

/** A single comparison value. */
export type Scalar = string | number | boolean;

/** A leaf: compares one lead field with `value` (absent for `exists` and `notExists`). */
export type FieldCondition = { field: string; op: ConditionOp; value?: Scalar | Scalar[] };

/** A node of the condition language. */
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | FieldCondition;

/** Deepest nesting allowed: 10 levels, counting the root as level 1 (a lone leaf is depth 1). */
export const MAX_CONDITION_DEPTH = 10;

/** Most nodes (groups, `not`s and leaves together) one condition may have: 200. */
export const MAX_CONDITION_NODES = 200;

/** Most values in an `in` / `notIn` list: 500. */
export const MAX_LIST_VALUES = 500;

/** Longest `matches` pattern, in UTF-16 code units: 200. */
export const MAX_PATTERN_LENGTH = 200;

/** A field name: a letter, then up to 63 letters, digits, `_` or `.` (64 characters at most). */
export const FIELD_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;

/** Operators that take no `value`. */
export const VALUELESS_OPS: ReadonlySet<ConditionOp> = new Set(['exists', 'notExists']);

/** Operators whose `value` is a list of scalars. */
export const LIST_OPS: ReadonlySet<ConditionOp> = new Set(['in', 'notIn']);

/** Operators that compare the field as a number. */
export const NUMERIC_OPS: ReadonlySet<ConditionOp> = new Set(['gt', 'gte', 'lt', 'lte']);

/** Operators whose `value` must be a string searched for inside the field. */
export const TEXT_OPS: ReadonlySet<ConditionOp> = new Set(['contains', 'startsWith', 'endsWith']);

/** True for one of `CONDITION_OPS`. */
export function isConditionOp(value: unknown): value is ConditionOp {
  return typeof value === 'string' && (CONDITION_OPS as readonly string[]).includes(value);
}
