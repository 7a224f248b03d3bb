import {
  CONDITION_OPS,
  FIELD_NAME_PATTERN,
  LIST_OPS,
  MAX_CONDITION_DEPTH,
  MAX_CONDITION_NODES,
  MAX_LIST_VALUES,
  MAX_PATTERN_LENGTH,
  NUMERIC_OPS,
  TEXT_OPS,
  VALUELESS_OPS,
  isConditionOp,
  type Condition,
  type ConditionOp,
  type FieldCondition,
  type Scalar,
} from './condition.js';
import { parseNumber } from './numeric.js';
import { compilePattern } from './pattern.js';

/** The outcome of `validateCondition`: a normalized copy, or every problem found. */
export type ConditionValidation = { ok: true; condition: Condition } | { ok: false; errors: string[] };

const NODE_KINDS = ['all', 'any', 'not', 'field'] as const;
const KNOWN_KEYS: ReadonlySet<string> = new Set(['all', 'any', 'not', 'field', 'op', 'value']);
const INVALID = Symbol('invalid');
const BLANK = 'must not be blank (use exists or notExists to test whether a field is present)';

type Walk = { errors: string[]; nodes: number; tooMany: boolean };
type Checked<T> = T | typeof INVALID;

/**
 * Checks an untrusted condition (parsed JSON or a GraphQL input turned into plain JSON) and
 * returns a normalized copy, or every error found, each prefixed with its path such as
 * `all[1].any[0].op` (`condition` for the root node).
 *
 * Rules:
 * - a node is an object with exactly one of `all`, `any`, `not`, `field`; `op` and `value` go
 *   only with `field`; any other key is refused; a key whose value is `undefined` is absent,
 *   `null` is not;
 * - `all` / `any` hold a non-empty array of nodes; `not` holds one node;
 * - at most `MAX_CONDITION_DEPTH` (10) levels and `MAX_CONDITION_NODES` (200) nodes; past 200
 *   nodes validation stops with that single extra error;
 * - `field` matches `FIELD_NAME_PATTERN`; `op` is one of `CONDITION_OPS`;
 * - `exists` / `notExists` take no `value`; every other operator requires one:
 *   - `eq` / `ne`: a string, a finite number or a boolean;
 *   - `in` / `notIn`: a non-empty array of those, at most `MAX_LIST_VALUES` (500) long;
 *   - `gt` / `gte` / `lt` / `lte`: a finite number, or a numeric string (`"18"`, `" -2.5 "`,
 *     `"1e3"`) that becomes a number in the copy;
 *   - `contains` / `startsWith` / `endsWith`: a string;
 *   - `matches`: a non-empty string of at most `MAX_PATTERN_LENGTH` (200) characters that
 *     compiles as a JavaScript RegExp (flags `i`) and as an RE2 pattern (linear-time matching);
 * - string values of the comparing operators (all but `matches`) must not be blank, since a
 *   present field is never blank.
 *
 * Normalization: numeric strings of the numeric operators become numbers, and `in` / `notIn`
 * lists lose repeated values, keeping the first: `"CA"` and `" ca "` repeat each other, as do
 * `true` and `"TRUE"`; the number `5` and the string `"5"` do not, since they match differently.
 * Strings are otherwise kept as given. The input is never modified.
 */
export function validateCondition(input: unknown): ConditionValidation {
  const walk: Walk = { errors: [], nodes: 0, tooMany: false };
  const condition = validateNode(input, '', 1, walk);
  return condition && walk.errors.length === 0 ? { ok: true, condition } : { ok: false, errors: walk.errors };
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/** A short rendering of an untrusted value for an error message. */
function show(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function validateNode(input: unknown, path: string, depth: number, walk: Walk): Condition | null {
  if (walk.tooMany) return null;
  walk.nodes += 1;
  if (walk.nodes > MAX_CONDITION_NODES) {
    walk.tooMany = true;
    walk.errors.push(`condition: has more than ${MAX_CONDITION_NODES} nodes`);
    return null;
  }
  const label = path || 'condition';
  if (depth > MAX_CONDITION_DEPTH) {
    walk.errors.push(`${label}: nested deeper than ${MAX_CONDITION_DEPTH} levels`);
    return null;
  }
  if (!isRecord(input)) {
    walk.errors.push(`${label}: must be an object with exactly one of all, any, not or field (got ${show(input)})`);
    return null;
  }
  const keys = Object.keys(input).filter((key) => input[key] !== undefined);
  for (const key of keys) {
    if (!KNOWN_KEYS.has(key)) {
      walk.errors.push(`${label}: unknown key ${show(key)} (a node has all, any, not, or field with op and value)`);
    }
  }
  const kinds = NODE_KINDS.filter((kind) => keys.includes(kind));
  const kind = kinds[0];
  if (kind === undefined || kinds.length > 1) {
    walk.errors.push(`${label}: must have exactly one of all, any, not or field (found ${kinds.join(', ') || 'none'})`);
    return null;
  }
  if (kind === 'field') return validateLeaf(input, path, walk.errors);
  for (const key of ['op', 'value']) {
    if (keys.includes(key)) walk.errors.push(`${label}: "${key}" belongs with "field", not "${kind}"`);
  }
  if (kind === 'not') {
    const child = validateNode(input.not, join(path, 'not'), depth + 1, walk);
    return child && { not: child };
  }
  const list = input[kind];
  const listPath = join(path, kind);
  if (!Array.isArray(list) || list.length === 0) {
    walk.errors.push(`${listPath}: must be a non-empty array of conditions (got ${show(list)})`);
    return null;
  }
  const children: Condition[] = [];
  for (let i = 0; i < list.length && !walk.tooMany; i++) {
    const child = validateNode(list[i], `${listPath}[${i}]`, depth + 1, walk);
    if (child) children.push(child);
  }
  if (children.length !== list.length) return null;
  return kind === 'all' ? { all: children } : { any: children };
}

function validateLeaf(input: Record<string, unknown>, path: string, errors: string[]): FieldCondition | null {
  const { field, op, value } = input;
  const fieldOk = typeof field === 'string' && FIELD_NAME_PATTERN.test(field);
  if (!fieldOk) {
    errors.push(`${join(path, 'field')}: must be a field name: a letter, then up to 63 letters, digits, _ or . (got ${show(field)})`);
  }
  if (!isConditionOp(op)) {
    const problem = op === undefined ? 'is required' : `unknown operator ${show(op)}`;
    errors.push(`${join(path, 'op')}: ${problem} (use one of ${CONDITION_OPS.join(', ')})`);
    return null;
  }
  const checked = validateValue(op, value, join(path, 'value'), errors);
  if (!fieldOk || checked === INVALID) return null;
  return checked === undefined ? { field, op } : { field, op, value: checked };
}

function validateValue(op: ConditionOp, value: unknown, path: string, errors: string[]): Checked<Scalar | Scalar[] | undefined> {
  const fail = (message: string): typeof INVALID => {
    errors.push(`${path}: ${message}`);
    return INVALID;
  };
  if (VALUELESS_OPS.has(op)) return value === undefined ? undefined : fail(`is not allowed with ${op}`);
  if (value === undefined) return fail(`is required for ${op}`);
  if (LIST_OPS.has(op)) return validateList(op, value, path, errors);
  if (NUMERIC_OPS.has(op)) {
    const number = typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'string' ? parseNumber(value) : null;
    return number ?? fail(`must be a number or a numeric string for ${op} (got ${show(value)})`);
  }
  if (op === 'matches') return validatePattern(value, fail);
  if (TEXT_OPS.has(op)) {
    if (typeof value !== 'string') return fail(`must be a string for ${op} (got ${show(value)})`);
  } else if (!isScalar(value)) {
    return fail(`must be a string, number or boolean for ${op} (got ${show(value)})`);
  }
  if (typeof value === 'string' && value.trim() === '') return fail(BLANK);
  return value;
}

function validateList(op: ConditionOp, value: unknown, path: string, errors: string[]): Checked<Scalar[]> {
  if (!Array.isArray(value) || value.length === 0) {
    errors.push(`${path}: must be a non-empty array of strings, numbers or booleans for ${op} (got ${show(value)})`);
    return INVALID;
  }
  if (value.length > MAX_LIST_VALUES) {
    errors.push(`${path}: has ${value.length} values; at most ${MAX_LIST_VALUES} are allowed`);
    return INVALID;
  }
  const seen = new Set<string>();
  const unique: Scalar[] = [];
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    // Only the first bad item is reported: a 500-item list must not flood the error list.
    if (!isScalar(item)) {
      errors.push(`${path}[${i}]: must be a string, number or boolean (got ${show(item)})`);
      return INVALID;
    }
    if (typeof item === 'string' && item.trim() === '') {
      errors.push(`${path}[${i}]: ${BLANK}`);
      return INVALID;
    }
    // The same identity the evaluator uses: numbers by value, everything else by its trimmed lower-case text.
    const key = typeof item === 'number' ? `n:${item}` : `s:${String(item).trim().toLowerCase()}`;
    if (!seen.has(key)) {
      seen.add(key);
      unique.push(item);
    }
  }
  return unique;
}

function validatePattern(value: unknown, fail: (message: string) => typeof INVALID): Checked<string> {
  if (typeof value !== 'string') return fail(`must be a string (a regular expression) for matches (got ${show(value)})`);
  if (value === '') return fail('must not be empty');
  if (value.length > MAX_PATTERN_LENGTH) {
    return fail(`has ${value.length} characters; at most ${MAX_PATTERN_LENGTH} are allowed`);
  }
  try {
    compilePattern(value);
  } catch (error) {
    // V8 says "Invalid regular expression: /<pattern>/<flags>: <reason>"; the reason is what helps.
    const message = error instanceof Error ? error.message : String(error);
    return fail(`is not a valid regular expression (${message.slice(message.lastIndexOf(': ') + 2)})`);
  }
  return value;
}
