import { describe, expect, it } from 'vitest';
import { compileCondition, InvalidConditionError, type FieldGetter } from './compile-condition.js';
import type { Condition, ConditionOp, Scalar } from './condition.js';

type Lead = Record<string, string | null | undefined>;

const getter =
  (lead: Lead): FieldGetter =>
  (field) =>
    lead[field];
const evaluate = (condition: Condition, lead: Lead): boolean => compileCondition(condition)(getter(lead));
const leaf = (op: ConditionOp, value?: Scalar | Scalar[]): Condition =>
  value === undefined ? { field: 'f', op } : { field: 'f', op, value };
/** The outcome of one leaf on field `f` holding `fieldValue`. */
const check = (op: ConditionOp, value: Scalar | Scalar[] | undefined, fieldValue: string | null | undefined): boolean =>
  evaluate(leaf(op, value), { f: fieldValue });

describe('compileCondition: absent fields', () => {
  const absent = [null, undefined, '', '   '];
  it.each<[ConditionOp, Scalar | Scalar[] | undefined, boolean]>([
    ['eq', 'x', false],
    ['ne', 'x', true],
    ['eq', 5, false],
    ['ne', 5, true],
    ['in', ['x'], false],
    ['notIn', ['x'], true],
    ['in', [5], false],
    ['notIn', [5], true],
    ['gt', 0, false],
    ['gte', 0, false],
    ['lt', 0, false],
    ['lte', 0, false],
    ['contains', 'x', false],
    ['startsWith', 'x', false],
    ['endsWith', 'x', false],
    ['matches', '.*', false],
    ['exists', undefined, false],
    ['notExists', undefined, true],
  ])('%s %j on an absent field is %s', (op, value, expected) => {
    for (const fieldValue of absent) expect(check(op, value, fieldValue), JSON.stringify(fieldValue)).toBe(expected);
  });

  it('treats a field missing from the lead like a null one', () => {
    expect(evaluate({ field: 'other', op: 'ne', value: 'x' }, { f: 'x' })).toBe(true);
    expect(evaluate({ field: 'other', op: 'notExists' }, { f: 'x' })).toBe(true);
  });
});

describe('compileCondition: text comparisons', () => {
  it('eq and ne ignore case and surrounding whitespace on both sides', () => {
    expect(check('eq', 'CA', 'ca')).toBe(true);
    expect(check('eq', ' ca ', 'CA')).toBe(true);
    expect(check('eq', 'CA', '  Ca\t')).toBe(true);
    expect(check('eq', 'CA', 'CAL')).toBe(false);
    expect(check('eq', 'C A', 'CA')).toBe(false);
    expect(check('ne', 'CA', 'cA')).toBe(false);
    expect(check('ne', 'CA', 'TX')).toBe(true);
  });

  it('a boolean value compares as "true" or "false", in any case, and nothing else', () => {
    expect(check('eq', true, 'true')).toBe(true);
    expect(check('eq', true, ' TRUE ')).toBe(true);
    expect(check('eq', false, 'False')).toBe(true);
    expect(check('eq', true, '1')).toBe(false);
    expect(check('eq', true, 'yes')).toBe(false);
    expect(check('ne', false, 'true')).toBe(true);
  });

  it('a numeric string value compares as text, keeping leading zeros significant', () => {
    expect(check('eq', '01234', '01234')).toBe(true);
    expect(check('eq', '01234', '1234')).toBe(false);
    expect(check('eq', '5', '5.0')).toBe(false);
  });

  it('contains, startsWith and endsWith ignore case and surrounding whitespace', () => {
    expect(check('contains', 'GMAIL', 'ada@gmail.com')).toBe(true);
    expect(check('contains', ' mail ', 'ada@GMAIL.com')).toBe(true);
    expect(check('contains', 'yahoo', 'ada@gmail.com')).toBe(false);
    expect(check('startsWith', 'ADA', '  ada@gmail.com')).toBe(true);
    expect(check('startsWith', 'gmail', 'ada@gmail.com')).toBe(false);
    expect(check('endsWith', '.COM', 'ada@gmail.com  ')).toBe(true);
    expect(check('endsWith', 'gmail', 'ada@gmail.com')).toBe(false);
  });

  it('in and notIn ignore case and whitespace, and notIn is the negation of in', () => {
    const states = ['CA', ' tx ', 'Ny'];
    for (const [value, inside] of [
      ['ca', true],
      ['TX', true],
      [' ny ', true],
      ['FL', false],
      ['C', false],
    ] as const) {
      expect(check('in', states, value), value).toBe(inside);
      expect(check('notIn', states, value), value).toBe(!inside);
    }
  });

  it('in lists mix strings, numbers and booleans', () => {
    const mixed: Scalar[] = ['gold', 7, true];
    expect(check('in', mixed, 'GOLD')).toBe(true);
    expect(check('in', mixed, '07')).toBe(true);
    expect(check('in', mixed, 'True')).toBe(true);
    expect(check('in', mixed, 'silver')).toBe(false);
    expect(check('in', mixed, '8')).toBe(false);
  });
});

describe('compileCondition: numbers', () => {
  it('eq and ne with a number value compare numerically', () => {
    expect(check('eq', 5, '05')).toBe(true);
    expect(check('eq', 5, '5.0')).toBe(true);
    expect(check('eq', 5, '+5')).toBe(true);
    expect(check('eq', 5, ' 5e0 ')).toBe(true);
    expect(check('eq', 0.5, '.5')).toBe(true);
    expect(check('eq', 0, '-0')).toBe(true);
    expect(check('eq', 5, '5.1')).toBe(false);
    expect(check('eq', 5, 'five')).toBe(false);
    expect(check('eq', 5, '5 apples')).toBe(false);
    expect(check('ne', 5, '05')).toBe(false);
    expect(check('ne', 5, 'five')).toBe(true);
    expect(check('eq', 15551234567, '+15551234567')).toBe(true);
  });

  it('in and notIn with number values compare numerically, as eq does', () => {
    expect(check('in', [5, 10], '010')).toBe(true);
    expect(check('in', [5, 10], '10.00')).toBe(true);
    expect(check('in', [5, 10], '7')).toBe(false);
    expect(check('notIn', [5, 10], '05')).toBe(false);
    expect(check('notIn', [5, 10], 'ten')).toBe(true);
  });

  it.each<[ConditionOp, number, string, boolean]>([
    ['gt', 18, '19', true],
    ['gt', 18, '18', false],
    ['gt', 18, '18.001', true],
    ['gt', 18, '100', true],
    ['gte', 18, '18', true],
    ['gte', 18, '17.99', false],
    ['gte', 18, '018', true],
    ['lt', 18, '17', true],
    ['lt', 18, '18', false],
    ['lt', 0, '-1', true],
    ['lt', 18, '9', true],
    ['lte', 18, '18', true],
    ['lte', 18, '18.5', false],
    ['lte', 1000, '1e3', true],
  ])('%s %d on "%s" is %s', (op, bound, fieldValue, expected) => {
    expect(check(op, bound, fieldValue)).toBe(expected);
  });

  it.each(['old', '1,000', '$45', '0x10', 'Infinity', '1e999', '12abc', '.', '-'])(
    'gt, gte, lt and lte are all false for the non-numeric field "%s"',
    (fieldValue) => {
      for (const op of ['gt', 'gte', 'lt', 'lte'] as const) expect(check(op, 0, fieldValue), op).toBe(false);
    },
  );

  it('a numeric string bound is compiled as a number', () => {
    expect(evaluate({ field: 'age', op: 'gte', value: '18' }, { age: '9' })).toBe(false);
    expect(evaluate({ field: 'age', op: 'gte', value: '18' }, { age: '18' })).toBe(true);
  });
});

describe('compileCondition: exists and matches', () => {
  it('exists and notExists test presence', () => {
    expect(check('exists', undefined, 'x')).toBe(true);
    expect(check('exists', undefined, '0')).toBe(true);
    expect(check('notExists', undefined, 'x')).toBe(false);
  });

  it('matches is unanchored, case-insensitive and sees the trimmed value', () => {
    expect(check('matches', 'acme', 'ada@ACME.com')).toBe(true);
    expect(check('matches', '^[a-z]+@acme\\.com$', ' Ada@Acme.COM ')).toBe(true);
    expect(check('matches', '^\\d{5}$', '90210')).toBe(true);
    expect(check('matches', '^\\d{5}$', '9021')).toBe(false);
    expect(check('matches', '^\\d{5}$', '902101')).toBe(false);
  });

  it('a leading slash is a literal slash, not a /pattern/flags form', () => {
    expect(check('matches', '/abc/', 'abc')).toBe(false);
    expect(check('matches', '/abc/', 'x/ABC/y')).toBe(true);
  });

  it('gives the same answer on every call (no stateful global flag)', () => {
    const test = compileCondition(leaf('matches', 'a'));
    const get = getter({ f: 'banana' });
    expect([test(get), test(get), test(get)]).toEqual([true, true, true]);
  });
});

describe('compileCondition: groups', () => {
  const lead = { state: 'CA', age: '30', email: 'ada@gmail.com' };
  const ca: Condition = { field: 'state', op: 'eq', value: 'CA' };
  const tx: Condition = { field: 'state', op: 'eq', value: 'TX' };
  const adult: Condition = { field: 'age', op: 'gte', value: 18 };

  it('all needs every child, any needs one, not negates', () => {
    expect(evaluate({ all: [ca, adult] }, lead)).toBe(true);
    expect(evaluate({ all: [ca, tx] }, lead)).toBe(false);
    expect(evaluate({ any: [tx, ca] }, lead)).toBe(true);
    expect(evaluate({ any: [tx, { not: adult }] }, lead)).toBe(false);
    expect(evaluate({ not: tx }, lead)).toBe(true);
    expect(evaluate({ not: { not: tx } }, lead)).toBe(false);
    expect(evaluate({ all: [ca] }, lead)).toBe(true);
    expect(evaluate({ any: [tx] }, lead)).toBe(false);
  });

  it('evaluates nested groups', () => {
    const rule: Condition = {
      all: [
        { field: 'state', op: 'in', value: ['CA', 'TX'] },
        { not: { field: 'age', op: 'lt', value: 18 } },
        {
          any: [
            { field: 'email', op: 'endsWith', value: '.edu' },
            {
              all: [
                { field: 'email', op: 'contains', value: 'gmail' },
                { field: 'phone', op: 'notExists' },
              ],
            },
          ],
        },
      ],
    };
    expect(evaluate(rule, lead)).toBe(true);
    expect(evaluate(rule, { ...lead, phone: '+12135550147' })).toBe(false);
    expect(evaluate(rule, { ...lead, age: '17' })).toBe(false);
    expect(evaluate(rule, { ...lead, state: 'NY' })).toBe(false);
    expect(evaluate(rule, { ...lead, email: 'ada@mit.edu', phone: '+12135550147' })).toBe(true);
  });

  it('ne is not-eq and notIn is not-in, absent fields included; not-gt differs from lte', () => {
    for (const value of ['CA', 'tx', null, '5']) {
      expect(evaluate({ field: 'f', op: 'ne', value: 'ca' }, { f: value })).toBe(
        evaluate({ not: { field: 'f', op: 'eq', value: 'ca' } }, { f: value }),
      );
      expect(evaluate({ field: 'f', op: 'notIn', value: ['ca', 5] }, { f: value })).toBe(
        evaluate({ not: { field: 'f', op: 'in', value: ['ca', 5] } }, { f: value }),
      );
    }
    expect(evaluate({ not: { field: 'age', op: 'gt', value: 18 } }, {})).toBe(true);
    expect(evaluate({ field: 'age', op: 'lte', value: 18 }, {})).toBe(false);
  });

  it('stops at the first child that decides', () => {
    const read: string[] = [];
    const get: FieldGetter = (field) => {
      read.push(field);
      return field === 'a' ? 'x' : null;
    };
    expect(
      compileCondition({
        any: [
          { field: 'a', op: 'exists' },
          { field: 'b', op: 'exists' },
        ],
      })(get),
    ).toBe(true);
    expect(
      compileCondition({
        all: [
          { field: 'c', op: 'exists' },
          { field: 'a', op: 'exists' },
        ],
      })(get),
    ).toBe(false);
    expect(read).toEqual(['a', 'c']);
  });
});

describe('compileCondition: compiling', () => {
  it('refuses an invalid condition with every validation error', () => {
    const bad = {
      all: [
        { field: 'x', op: 'equals', value: 1 },
        { field: 'y', op: 'gt', value: 'old' },
      ],
    } as unknown as Condition;
    let error: unknown;
    try {
      compileCondition(bad);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidConditionError);
    expect((error as InvalidConditionError).errors).toEqual([
      'all[0].op: unknown operator "equals" (use one of eq, ne, in, notIn, gt, gte, lt, lte, contains, startsWith, endsWith, exists, notExists, matches)',
      'all[1].value: must be a number or a numeric string for gt (got "old")',
    ]);
    expect((error as Error).message).toMatch(/^invalid condition: all\[0\]\.op: unknown operator "equals"/);
  });

  it('refuses a pattern the linear-time engine cannot run rather than compiling it', () => {
    expect(() => compileCondition(leaf('matches', '(?=a)a'))).toThrow(InvalidConditionError);
  });

  it('is unaffected by later changes to the condition it compiled', () => {
    const list = ['CA'];
    const rule: Condition = { field: 'state', op: 'in', value: list };
    const test = compileCondition(rule);
    list.push('TX');
    expect(test(getter({ state: 'TX' }))).toBe(false);
  });

  it('compiles once and evaluates 100,000 times with the same answers', () => {
    const test = compileCondition({
      all: [
        { field: 'state', op: 'in', value: ['CA', 'TX', 'NY'] },
        { not: { field: 'age', op: 'lt', value: 18 } },
        {
          any: [
            { field: 'email', op: 'matches', value: '@(gmail|yahoo)\\.com$' },
            { field: 'score', op: 'gte', value: '700' },
          ],
        },
      ],
    });
    const leads: Lead[] = [
      { state: 'ca', age: '30', email: 'a@gmail.com' },
      { state: 'TX', age: '17', email: 'a@gmail.com' },
      { state: 'NY', age: '45', email: 'a@corp.com', score: '720' },
      { state: 'FL', age: '45', email: 'a@gmail.com' },
      { state: 'NY', age: '45', email: 'a@corp.com', score: '690' },
    ];
    const getters = leads.map(getter);
    const expected = [true, false, true, false, false];
    let matched = 0;
    for (let i = 0; i < 100_000; i++) {
      const index = i % getters.length;
      const outcome = test(getters[index]!);
      if (outcome !== expected[index]) throw new Error(`evaluation ${i} gave ${outcome} for lead ${index}`);
      if (outcome) matched += 1;
    }
    expect(matched).toBe(40_000);
  });
});
