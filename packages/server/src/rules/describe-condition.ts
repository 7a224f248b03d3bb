import type { Condition, ConditionOp, FieldCondition, Scalar } from './condition.js';

const SYMBOLS: Partial<Record<ConditionOp, string>> = {
  eq: '=',
  ne: '!=',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  in: 'in',
  notIn: 'not in',
  contains: 'contains',
  startsWith: 'starts with',
  endsWith: 'ends with',
};

// Values that cannot be misread stay bare (CA, 18, a@b.com); anything else is JSON-quoted.
const BARE = /^[A-Za-z0-9_.@+\-:/]+$/;

function formatValue(value: Scalar): string {
  if (typeof value !== 'string') return String(value);
  return BARE.test(value) ? value : JSON.stringify(value);
}

/** A pattern as a regex literal: unescaped `/` outside character classes gets a backslash. */
function formatPattern(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      out += pattern.slice(i, i + 2);
      i += 1;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    out += c === '/' && !inClass ? '\\/' : c;
  }
  return `/${out}/i`;
}

function describeLeaf(leaf: FieldCondition): string {
  const { field, op, value } = leaf;
  if (op === 'exists') return `${field} is present`;
  if (op === 'notExists') return `${field} is absent`;
  if (op === 'matches') return `${field} matches ${formatPattern(String(value))}`;
  const values = Array.isArray(value) ? `(${value.map(formatValue).join(', ')})` : value === undefined ? '' : formatValue(value);
  return `${field} ${SYMBOLS[op] ?? op} ${values}`;
}

type Context = 'root' | 'all' | 'any';

function describe(node: Condition, context: Context): string {
  if ('not' in node) return `not (${describe(node.not, 'root')})`;
  if ('all' in node || 'any' in node) {
    const kind = 'all' in node ? 'all' : 'any';
    const children = 'all' in node ? node.all : node.any;
    const only = children[0];
    if (children.length === 1 && only) return describe(only, context);
    const text = children.map((child) => describe(child, kind)).join(kind === 'all' ? ' and ' : ' or ');
    // "and" and "or" have no agreed precedence for readers, so a mix is always bracketed.
    return context === 'root' || context === kind ? text : `(${text})`;
  }
  return describeLeaf(node);
}

/**
 * A short human-readable rendering of a condition for posting instructions, such as
 * `state in (CA, TX) and not (age < 18)`.
 *
 * - Leaves: `=`, `!=`, `in (...)`, `not in (...)`, `>`, `>=`, `<`, `<=`, `contains`,
 *   `starts with`, `ends with`, `is present` (exists), `is absent` (notExists), and
 *   `matches /pattern/i` (the `i` because matching is case-insensitive).
 * - Values made only of letters, digits and `_ . @ + - : /` are shown bare; other strings
 *   are JSON-quoted (`city = "San Jose"`). Numbers and booleans are shown as written, so the
 *   string "5" and the number 5 look alike.
 * - `all` joins with `and`, `any` with `or`; a group inside a group of the other kind is
 *   bracketed; a group of one child is shown as that child; `not` always brackets its child.
 *
 * The condition is expected to be valid (see `validateCondition`); it is not checked here.
 */
export function describeCondition(condition: Condition): string {
  return describe(condition, 'root');
}
