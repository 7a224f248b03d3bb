import { describe, expect, it } from 'vitest';
import {
  CONDITION_OPS,
  MAX_CONDITION_DEPTH,
  MAX_CONDITION_NODES,
  MAX_LIST_VALUES,
  MAX_PATTERN_LENGTH,
  type Condition,
} from './condition.js';
import { compileCondition } from './compile-condition.js';
import { validateCondition } from './validate-condition.js';

const OPS = CONDITION_OPS.join(', ');

/** The errors of an input the validator must refuse. */
function errorsOf(input: unknown): string[] {
  const result = validateCondition(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  return result.errors;
}

/** The normalized copy of an input the validator must accept. */
function accepted(input: unknown): Condition {
  const result = validateCondition(input);
  if (!result.ok) throw new Error(`expected acceptance, got: ${result.errors.join(' | ')}`);
  return result.condition;
}

/** `not` wrapped `levels - 1` times around a leaf: a condition exactly `levels` deep. */
function nested(levels: number): unknown {
  let node: unknown = { field: 'state', op: 'exists' };
  for (let i = 1; i < levels; i++) node = { not: node };
  return node;
}

describe('validateCondition: accepted conditions', () => {
  it.each([
    [{ field: 'state', op: 'eq', value: 'CA' }],
    [{ field: 'state', op: 'ne', value: 'CA' }],
    [{ field: 'age', op: 'eq', value: 5 }],
    [{ field: 'homeowner', op: 'eq', value: true }],
    [{ field: 'state', op: 'in', value: ['CA', 'TX', 7, false] }],
    [{ field: 'state', op: 'notIn', value: ['CA'] }],
    [{ field: 'age', op: 'gt', value: 17 }],
    [{ field: 'age', op: 'gte', value: -2.5 }],
    [{ field: 'age', op: 'lt', value: 0 }],
    [{ field: 'age', op: 'lte', value: 1e3 }],
    [{ field: 'email', op: 'contains', value: 'gmail' }],
    [{ field: 'email', op: 'startsWith', value: 'info@' }],
    [{ field: 'email', op: 'endsWith', value: '.edu' }],
    [{ field: 'phone', op: 'exists' }],
    [{ field: 'phone', op: 'notExists' }],
    [{ field: 'email', op: 'matches', value: '^[a-z]+@acme\\.com$' }],
    [{ all: [{ field: 'state', op: 'eq', value: 'CA' }, { not: { any: [{ field: 'age', op: 'lt', value: 18 }] } }] }],
    [{ field: 'Home_owner.v2', op: 'exists' }],
    [{ field: `a${'b'.repeat(63)}`, op: 'exists' }],
  ])('accepts and returns an equal copy: %j', (input) => {
    const result = validateCondition(input);
    expect(result).toEqual({ ok: true, condition: input });
    if (result.ok) expect(result.condition).not.toBe(input);
  });

  it('accepts every operator in CONDITION_OPS', () => {
    const sample: Record<string, unknown> = {
      eq: 'x',
      ne: 'x',
      in: ['x'],
      notIn: ['x'],
      gt: 1,
      gte: 1,
      lt: 1,
      lte: 1,
      contains: 'x',
      startsWith: 'x',
      endsWith: 'x',
      exists: undefined,
      notExists: undefined,
      matches: 'x',
    };
    for (const op of CONDITION_OPS) {
      const leaf = sample[op] === undefined ? { field: 'f', op } : { field: 'f', op, value: sample[op] };
      expect(validateCondition(leaf).ok, op).toBe(true);
    }
  });

  it('turns numeric strings of the numeric operators into numbers', () => {
    expect(accepted({ field: 'age', op: 'gt', value: '18' })).toEqual({ field: 'age', op: 'gt', value: 18 });
    expect(accepted({ field: 'age', op: 'gte', value: ' -2.5 ' })).toEqual({ field: 'age', op: 'gte', value: -2.5 });
    expect(accepted({ field: 'age', op: 'lt', value: '1e3' })).toEqual({ field: 'age', op: 'lt', value: 1000 });
    expect(accepted({ field: 'age', op: 'lte', value: '+.5' })).toEqual({ field: 'age', op: 'lte', value: 0.5 });
  });

  it('keeps numeric strings of the text operators as strings', () => {
    expect(accepted({ field: 'zip', op: 'eq', value: '01234' })).toEqual({ field: 'zip', op: 'eq', value: '01234' });
  });

  it('de-duplicates in and notIn lists the way the evaluator compares, keeping the first', () => {
    expect(accepted({ field: 'state', op: 'in', value: ['CA', 'ca', ' CA ', 'TX', 'Ca'] })).toEqual({
      field: 'state',
      op: 'in',
      value: ['CA', 'TX'],
    });
    expect(accepted({ field: 'x', op: 'notIn', value: [true, 'TRUE', 5, 5, '5', 0, -0] })).toEqual({
      field: 'x',
      op: 'notIn',
      value: [true, 5, '5', 0],
    });
  });

  it('does not modify its input', () => {
    const input = {
      any: [
        { field: 'age', op: 'gt', value: '18' },
        { field: 's', op: 'in', value: ['a', 'A'] },
      ],
    };
    const before = structuredClone(input);
    accepted(input);
    expect(input).toEqual(before);
  });

  it('treats a key holding undefined as absent', () => {
    expect(accepted({ field: 'phone', op: 'exists', value: undefined, all: undefined })).toEqual({ field: 'phone', op: 'exists' });
  });
});

describe('validateCondition: errors name the path and the problem', () => {
  it.each<[string, unknown, string[]]>([
    ['a non-object root', 42, ['condition: must be an object with exactly one of all, any, not or field (got 42)']],
    ['a null root', null, ['condition: must be an object with exactly one of all, any, not or field (got null)']],
    ['an array root', [], ['condition: must be an object with exactly one of all, any, not or field (got an array)']],
    ['a string child', { all: ['x'] }, ['all[0]: must be an object with exactly one of all, any, not or field (got "x")']],
    ['no kind', { op: 'eq', value: 1 }, ['condition: must have exactly one of all, any, not or field (found none)']],
    ['an empty object', {}, ['condition: must have exactly one of all, any, not or field (found none)']],
    ['two kinds', { all: [], field: 'x' }, ['condition: must have exactly one of all, any, not or field (found all, field)']],
    [
      'a null kind counts as present',
      { any: null, field: 'x', op: 'exists' },
      ['condition: must have exactly one of all, any, not or field (found any, field)'],
    ],
    [
      'an unknown key',
      { field: 'x', op: 'exists', negate: true },
      ['condition: unknown key "negate" (a node has all, any, not, or field with op and value)'],
    ],
    [
      'a prototype key',
      JSON.parse('{"field":"x","op":"exists","__proto__":{}}'),
      ['condition: unknown key "__proto__" (a node has all, any, not, or field with op and value)'],
    ],
    ['op beside all', { all: [{ field: 'x', op: 'exists' }], op: 'eq' }, ['condition: "op" belongs with "field", not "all"']],
    ['value beside not', { not: { field: 'x', op: 'exists' }, value: 1 }, ['condition: "value" belongs with "field", not "not"']],
    ['an empty all', { all: [] }, ['all: must be a non-empty array of conditions (got an array)']],
    ['a non-array any', { any: { field: 'x', op: 'exists' } }, ['any: must be a non-empty array of conditions (got an object)']],
    ['a non-object not', { not: [] }, ['not: must be an object with exactly one of all, any, not or field (got an array)']],
    [
      'a missing field name',
      { field: '', op: 'exists' },
      ['field: must be a field name: a letter, then up to 63 letters, digits, _ or . (got "")'],
    ],
    [
      'a field starting with a digit',
      { field: '1st', op: 'exists' },
      ['field: must be a field name: a letter, then up to 63 letters, digits, _ or . (got "1st")'],
    ],
    [
      'a field with a dash',
      { field: 'sub-id', op: 'exists' },
      ['field: must be a field name: a letter, then up to 63 letters, digits, _ or . (got "sub-id")'],
    ],
    [
      'a field of 65 characters',
      { field: 'a'.repeat(65), op: 'exists' },
      [`field: must be a field name: a letter, then up to 63 letters, digits, _ or . (got "${'a'.repeat(40)}...")`],
    ],
    [
      'a non-string field',
      { field: 7, op: 'exists' },
      ['field: must be a field name: a letter, then up to 63 letters, digits, _ or . (got 7)'],
    ],
    ['a missing op', { field: 'x' }, [`op: is required (use one of ${OPS})`]],
    [
      'an unknown op',
      { all: [{ field: 'x', op: 'exists' }, { any: [{ field: 'state', op: 'equals', value: 'CA' }] }] },
      [`all[1].any[0].op: unknown operator "equals" (use one of ${OPS})`],
    ],
    ['a wrongly cased op', { field: 'x', op: 'NOTIN', value: ['a'] }, [`op: unknown operator "NOTIN" (use one of ${OPS})`]],
    ['a non-string op', { field: 'x', op: 1 }, [`op: unknown operator 1 (use one of ${OPS})`]],
    ['a value with exists', { field: 'x', op: 'exists', value: true }, ['value: is not allowed with exists']],
    ['a null value with notExists', { field: 'x', op: 'notExists', value: null }, ['value: is not allowed with notExists']],
    ['a missing value for eq', { field: 'x', op: 'eq' }, ['value: is required for eq']],
    ['a missing value for matches', { field: 'x', op: 'matches' }, ['value: is required for matches']],
    ['a null value for ne', { field: 'x', op: 'ne', value: null }, ['value: must be a string, number or boolean for ne (got null)']],
    ['an array value for eq', { field: 'x', op: 'eq', value: ['a'] }, ['value: must be a string, number or boolean for eq (got an array)']],
    [
      'an object value for eq',
      { field: 'x', op: 'eq', value: { a: 1 } },
      ['value: must be a string, number or boolean for eq (got an object)'],
    ],
    [
      'a non-finite value for eq',
      { field: 'x', op: 'eq', value: Number.NaN },
      ['value: must be a string, number or boolean for eq (got NaN)'],
    ],
    [
      'a blank value for eq',
      { field: 'x', op: 'eq', value: '  ' },
      ['value: must not be blank (use exists or notExists to test whether a field is present)'],
    ],
    [
      'a scalar for in',
      { field: 'x', op: 'in', value: 'CA' },
      ['value: must be a non-empty array of strings, numbers or booleans for in (got "CA")'],
    ],
    [
      'an empty list for notIn',
      { field: 'x', op: 'notIn', value: [] },
      ['value: must be a non-empty array of strings, numbers or booleans for notIn (got an array)'],
    ],
    ['a bad list item', { field: 'x', op: 'in', value: ['a', null, {}] }, ['value[1]: must be a string, number or boolean (got null)']],
    ['a nested list', { field: 'x', op: 'in', value: [['a']] }, ['value[0]: must be a string, number or boolean (got an array)']],
    [
      'a blank list item',
      { field: 'x', op: 'notIn', value: ['a', ''] },
      ['value[1]: must not be blank (use exists or notExists to test whether a field is present)'],
    ],
    ['a word for gt', { field: 'age', op: 'gt', value: 'old' }, ['value: must be a number or a numeric string for gt (got "old")']],
    ['a boolean for gte', { field: 'age', op: 'gte', value: true }, ['value: must be a number or a numeric string for gte (got true)']],
    ['a hex string for lt', { field: 'age', op: 'lt', value: '0x10' }, ['value: must be a number or a numeric string for lt (got "0x10")']],
    ['an empty string for lte', { field: 'age', op: 'lte', value: '' }, ['value: must be a number or a numeric string for lte (got "")']],
    [
      'Infinity for gt',
      { field: 'age', op: 'gt', value: Number.POSITIVE_INFINITY },
      ['value: must be a number or a numeric string for gt (got Infinity)'],
    ],
    [
      'an overflowing numeric string',
      { field: 'age', op: 'gt', value: '1e999' },
      ['value: must be a number or a numeric string for gt (got "1e999")'],
    ],
    ['a number for contains', { field: 'x', op: 'contains', value: 5 }, ['value: must be a string for contains (got 5)']],
    ['a list for startsWith', { field: 'x', op: 'startsWith', value: ['a'] }, ['value: must be a string for startsWith (got an array)']],
    [
      'a blank endsWith',
      { field: 'x', op: 'endsWith', value: ' ' },
      ['value: must not be blank (use exists or notExists to test whether a field is present)'],
    ],
    [
      'a number for matches',
      { field: 'x', op: 'matches', value: 5 },
      ['value: must be a string (a regular expression) for matches (got 5)'],
    ],
    ['an empty pattern', { field: 'x', op: 'matches', value: '' }, ['value: must not be empty']],
    [
      'an unterminated group',
      { field: 'x', op: 'matches', value: '(ab' },
      ['value: is not a valid regular expression (Unterminated group)'],
    ],
    ['a lone quantifier', { field: 'x', op: 'matches', value: '*a' }, ['value: is not a valid regular expression (Nothing to repeat)']],
  ])('refuses %s', (_label, input, errors) => {
    expect(errorsOf(input)).toEqual(errors);
  });

  it('reports every problem at once, each with its own path', () => {
    expect(
      errorsOf({
        any: [{ field: '9x', op: 'eq' }, { not: { field: 'age', op: 'gt', value: 'x' } }, { all: [{ field: 'ok', op: 'exists' }, 'nope'] }],
      }),
    ).toEqual([
      'any[0].field: must be a field name: a letter, then up to 63 letters, digits, _ or . (got "9x")',
      'any[0].value: is required for eq',
      'any[1].not.value: must be a number or a numeric string for gt (got "x")',
      'any[2].all[1]: must be an object with exactly one of all, any, not or field (got "nope")',
    ]);
  });

  it('reports unknown keys and a missing kind together', () => {
    expect(errorsOf({ feild: 'x', op: 'eq', value: 1 })).toEqual([
      'condition: unknown key "feild" (a node has all, any, not, or field with op and value)',
      'condition: must have exactly one of all, any, not or field (found none)',
    ]);
  });

  it('shortens long strings in messages', () => {
    expect(errorsOf({ field: 'x', op: 'gt', value: 'y'.repeat(1000) })).toEqual([
      `value: must be a number or a numeric string for gt (got "${'y'.repeat(40)}...")`,
    ]);
  });
});

describe('validateCondition: limits', () => {
  it(`allows ${MAX_CONDITION_DEPTH} levels and refuses ${MAX_CONDITION_DEPTH + 1}`, () => {
    expect(validateCondition(nested(MAX_CONDITION_DEPTH)).ok).toBe(true);
    expect(errorsOf(nested(MAX_CONDITION_DEPTH + 1))).toEqual([`${'not.'.repeat(9)}not: nested deeper than 10 levels`]);
  });

  it('stops at the depth limit however deep the input goes', () => {
    expect(errorsOf(nested(5000))).toEqual([`${'not.'.repeat(9)}not: nested deeper than 10 levels`]);
  });

  it(`allows ${MAX_CONDITION_NODES} nodes and refuses ${MAX_CONDITION_NODES + 1}`, () => {
    const leaves = (n: number) => Array.from({ length: n }, (_, i) => ({ field: `f${i}`, op: 'exists' }));
    expect(validateCondition({ all: leaves(MAX_CONDITION_NODES - 1) }).ok).toBe(true);
    expect(errorsOf({ all: leaves(MAX_CONDITION_NODES) })).toEqual(['condition: has more than 200 nodes']);
  });

  it('counts groups and nots as nodes', () => {
    // 1 root + 66 * (any + not + leaf) = 199 nodes, then one more group makes 202.
    const trio = { any: [{ not: { field: 'x', op: 'exists' } }] };
    expect(validateCondition({ all: Array.from({ length: 66 }, () => trio) }).ok).toBe(true);
    expect(errorsOf({ all: Array.from({ length: 67 }, () => trio) })).toEqual(['condition: has more than 200 nodes']);
  });

  it('stops counting at the node limit even for a huge array of junk, keeping earlier errors', () => {
    const errors = errorsOf({ any: [{ field: 'x', op: 'bad' }, ...Array.from({ length: 100_000 }, () => ({ field: 'x', op: 'exists' }))] });
    expect(errors).toEqual([`any[0].op: unknown operator "bad" (use one of ${OPS})`, 'condition: has more than 200 nodes']);
  });

  it(`allows ${MAX_LIST_VALUES} list values and refuses ${MAX_LIST_VALUES + 1}`, () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
    const ok = accepted({ field: 'x', op: 'in', value: values(MAX_LIST_VALUES) });
    expect(ok).toEqual({ field: 'x', op: 'in', value: values(MAX_LIST_VALUES) });
    expect(errorsOf({ field: 'x', op: 'notIn', value: values(MAX_LIST_VALUES + 1) })).toEqual([
      'value: has 501 values; at most 500 are allowed',
    ]);
  });

  it('applies the list limit before de-duplicating', () => {
    expect(errorsOf({ field: 'x', op: 'in', value: Array.from({ length: 501 }, () => 'same') })).toEqual([
      'value: has 501 values; at most 500 are allowed',
    ]);
  });

  it(`allows patterns of ${MAX_PATTERN_LENGTH} characters and refuses ${MAX_PATTERN_LENGTH + 1}`, () => {
    expect(validateCondition({ field: 'x', op: 'matches', value: 'a'.repeat(MAX_PATTERN_LENGTH) }).ok).toBe(true);
    expect(errorsOf({ field: 'x', op: 'matches', value: 'a'.repeat(MAX_PATTERN_LENGTH + 1) })).toEqual([
      'value: has 201 characters; at most 200 are allowed',
    ]);
  });
});

describe('matches patterns run in linear time (RE2)', () => {
  it.each(['(a+)+$', '(a*)*b', '(a|a)*c', '.*.*.*.*x', '([a-z]+\\.)*com', '^\\d{5}$', '(cat|dog)+'])(
    'accepts %s and evaluates it on a long value',
    (pattern) => {
      const result = validateCondition({ field: 'x', op: 'matches', value: pattern });
      expect(result.ok).toBe(true);
      // Exponential or polynomial in a backtracking engine; RE2 answers at once.
      const test = compileCondition(result.ok ? result.condition : ({} as never));
      expect(test(() => `${'a'.repeat(3000)}!`)).toBe(false);
    },
  );

  it('refuses lookarounds and backreferences, which a linear-time engine cannot run', () => {
    for (const pattern of ['(?=a+)b', '(a)\\1']) {
      const result = validateCondition({ field: 'x', op: 'matches', value: pattern });
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.errors[0]).toMatch(/^value: is not a valid regular expression \(/);
    }
  });
});
