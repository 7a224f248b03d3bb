import type { Condition, FieldCondition, Scalar } from './condition.js';
import { parseNumber } from './numeric.js';
import { compilePattern } from './pattern.js';
import { validateCondition } from './validate-condition.js';

/** Reads a lead field by name: its value, or null / undefined when the lead has none. */
export type FieldGetter = (field: string) => string | null | undefined;

/** A compiled condition: true when the lead whose fields `get` reads satisfies it. */
export type ConditionTest = (get: FieldGetter) => boolean;

/** Thrown by `compileCondition` for a condition `validateCondition` refuses; `errors` lists why. */
export class InvalidConditionError extends Error {
  readonly errors: string[];

  constructor(errors: string[]) {
    super(`invalid condition: ${errors.join('; ')}`);
    this.name = 'InvalidConditionError';
    this.errors = errors;
  }
}

/**
 * Compiles a condition once into a function to call per lead. It validates first (stored JSON
 * may predate today's rules) and throws `InvalidConditionError` for an invalid condition, then
 * compiles the normalized copy: RegExps, lower-cased strings, Sets for `in` / `notIn` and
 * numbers are all prepared here, so evaluating does no parsing of the condition and never
 * uses `eval` or `new Function`.
 *
 * Semantics:
 * - A field value is a string. `null`, `undefined` or a blank string (only whitespace) means
 *   the field is absent. Present values are trimmed before any comparison.
 * - `eq`, `ne`, `in`, `notIn`, `contains`, `startsWith`, `endsWith` compare text
 *   case-insensitively (`toLowerCase`) and ignore surrounding whitespace on both sides. A
 *   boolean `value` compares as its text: `true` equals "true", "TRUE", " True ", never "1"
 *   or "yes".
 * - A number `value` in `eq`, `ne`, `in`, `notIn` compares numerically: it equals a field
 *   that reads as the same decimal number ("5", "05", "5.0", "+5", "5e0" all equal 5) and
 *   never a field that is not a number. A numeric string `value` ("05") compares as text,
 *   so quote values such as ZIP codes whose leading zeros matter.
 * - `in` is true when `eq` would be true for at least one listed value; `notIn` is its negation.
 * - `gt`, `gte`, `lt`, `lte` read the field as a decimal number (optional sign, fraction and
 *   exponent; no thousands separators, currency signs or hex) and are false when the field
 *   is absent or not a number.
 * - `matches` tests the trimmed field with the pattern compiled with flag `i` only: always
 *   case-insensitive, unanchored (write `^...$` to match the whole value).
 * - An absent field makes every operator false except `ne` and `notIn` (absent is "not
 *   equal") and `notExists`; `exists` is true exactly when the field is present.
 * - `ne` is exactly `not eq` and `notIn` exactly `not in`, absent fields included. `not gt`
 *   is not `lte`: for an absent or non-numeric field `not gt` is true and `lte` false.
 * - `all` is true when every child is, `any` when at least one is (both stop at the first
 *   child that decides), `not` negates its child.
 */
export function compileCondition(condition: Condition): ConditionTest {
  const result = validateCondition(condition);
  if (!result.ok) throw new InvalidConditionError(result.errors);
  return compileNode(result.condition);
}

function compileNode(node: Condition): ConditionTest {
  if ('all' in node) {
    const tests = node.all.map(compileNode);
    if (tests.length === 1 && tests[0]) return tests[0];
    return (get) => {
      for (const test of tests) if (!test(get)) return false;
      return true;
    };
  }
  if ('any' in node) {
    const tests = node.any.map(compileNode);
    if (tests.length === 1 && tests[0]) return tests[0];
    return (get) => {
      for (const test of tests) if (test(get)) return true;
      return false;
    };
  }
  if ('not' in node) {
    const test = compileNode(node.not);
    return (get) => !test(get);
  }
  return compileLeaf(node);
}

/** The trimmed value of a present field, or null for an absent or blank one. */
function present(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const text = raw.trim();
  return text === '' ? null : text;
}

const textKey = (value: Scalar): string => String(value).trim().toLowerCase();

function scalarOf(leaf: FieldCondition): Scalar {
  const { value } = leaf;
  if (value === undefined || Array.isArray(value)) throw new InvalidConditionError([`${leaf.op} needs a single value`]);
  return value;
}

function stringOf(leaf: FieldCondition): string {
  const value = scalarOf(leaf);
  if (typeof value !== 'string') throw new InvalidConditionError([`${leaf.op} needs a string value`]);
  return value;
}

function numberOf(leaf: FieldCondition): number {
  const value = scalarOf(leaf);
  if (typeof value !== 'number') throw new InvalidConditionError([`${leaf.op} needs a number value`]);
  return value;
}

function compileLeaf(leaf: FieldCondition): ConditionTest {
  const { field, op } = leaf;
  switch (op) {
    case 'exists':
      return (get) => present(get(field)) !== null;
    case 'notExists':
      return (get) => present(get(field)) === null;
    case 'eq':
      return compileEquals(field, scalarOf(leaf));
    case 'ne': {
      const equals = compileEquals(field, scalarOf(leaf));
      return (get) => !equals(get);
    }
    case 'in':
      return compileIn(field, leaf.value);
    case 'notIn': {
      const isIn = compileIn(field, leaf.value);
      return (get) => !isIn(get);
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return compileNumeric(field, op, numberOf(leaf));
    case 'contains': {
      const key = textKey(stringOf(leaf));
      return (get) => present(get(field))?.toLowerCase().includes(key) ?? false;
    }
    case 'startsWith': {
      const key = textKey(stringOf(leaf));
      return (get) => present(get(field))?.toLowerCase().startsWith(key) ?? false;
    }
    case 'endsWith': {
      const key = textKey(stringOf(leaf));
      return (get) => present(get(field))?.toLowerCase().endsWith(key) ?? false;
    }
    case 'matches': {
      const pattern = compilePattern(stringOf(leaf));
      return (get) => {
        const text = present(get(field));
        return text !== null && pattern.test(text);
      };
    }
  }
}

function compileEquals(field: string, value: Scalar): ConditionTest {
  if (typeof value === 'number') {
    return (get) => {
      const text = present(get(field));
      return text !== null && parseNumber(text) === value;
    };
  }
  const key = textKey(value);
  return (get) => present(get(field))?.toLowerCase() === key;
}

function compileIn(field: string, value: Scalar | Scalar[] | undefined): ConditionTest {
  if (!Array.isArray(value)) throw new InvalidConditionError(['in and notIn need a list of values']);
  const texts = new Set<string>();
  const numbers = new Set<number>();
  for (const item of value) {
    if (typeof item === 'number') numbers.add(item);
    else texts.add(textKey(item));
  }
  return (get) => {
    const text = present(get(field));
    if (text === null) return false;
    if (texts.has(text.toLowerCase())) return true;
    if (numbers.size === 0) return false;
    const number = parseNumber(text);
    return number !== null && numbers.has(number);
  };
}

function compileNumeric(field: string, op: 'gt' | 'gte' | 'lt' | 'lte', bound: number): ConditionTest {
  const holds =
    op === 'gt'
      ? (n: number) => n > bound
      : op === 'gte'
        ? (n: number) => n >= bound
        : op === 'lt'
          ? (n: number) => n < bound
          : (n: number) => n <= bound;
  return (get) => {
    const text = present(get(field));
    if (text === null) return false;
    const number = parseNumber(text);
    return number !== null && holds(number);
  };
}
