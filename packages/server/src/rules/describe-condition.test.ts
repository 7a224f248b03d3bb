import { describe, expect, it } from 'vitest';
import type { Condition } from './condition.js';
import { describeCondition } from './describe-condition.js';

describe('describeCondition', () => {
  it('renders the posting-instructions example', () => {
    expect(
      describeCondition({
        all: [{ field: 'state', op: 'in', value: ['CA', 'TX'] }, { not: { field: 'age', op: 'lt', value: 18 } }],
      }),
    ).toBe('state in (CA, TX) and not (age < 18)');
  });

  it.each<[Condition, string]>([
    [{ field: 'state', op: 'eq', value: 'CA' }, 'state = CA'],
    [{ field: 'state', op: 'ne', value: 'CA' }, 'state != CA'],
    [{ field: 'state', op: 'notIn', value: ['CA', 'TX'] }, 'state not in (CA, TX)'],
    [{ field: 'age', op: 'gt', value: 17 }, 'age > 17'],
    [{ field: 'age', op: 'gte', value: 18 }, 'age >= 18'],
    [{ field: 'age', op: 'lt', value: -2.5 }, 'age < -2.5'],
    [{ field: 'age', op: 'lte', value: 65 }, 'age <= 65'],
    [{ field: 'email', op: 'contains', value: 'gmail' }, 'email contains gmail'],
    [{ field: 'email', op: 'startsWith', value: 'info@' }, 'email starts with info@'],
    [{ field: 'email', op: 'endsWith', value: '.edu' }, 'email ends with .edu'],
    [{ field: 'phone', op: 'exists' }, 'phone is present'],
    [{ field: 'phone', op: 'notExists' }, 'phone is absent'],
    [{ field: 'email', op: 'matches', value: '^[a-z]+@acme\\.com$' }, 'email matches /^[a-z]+@acme\\.com$/i'],
    [{ field: 'homeowner', op: 'eq', value: true }, 'homeowner = true'],
    [{ field: 'tier', op: 'in', value: [1, 'gold', false] }, 'tier in (1, gold, false)'],
  ])('renders %j as %s', (condition, text) => {
    expect(describeCondition(condition)).toBe(text);
  });

  it('quotes strings that a bare rendering would make ambiguous', () => {
    expect(describeCondition({ field: 'city', op: 'eq', value: 'San Jose' })).toBe('city = "San Jose"');
    expect(describeCondition({ field: 'city', op: 'in', value: ['Winston-Salem', 'a, b', 'x)'] })).toBe(
      'city in (Winston-Salem, "a, b", "x)")',
    );
    expect(describeCondition({ field: 'note', op: 'contains', value: 'say "hi"' })).toBe('note contains "say \\"hi\\""');
  });

  it('escapes slashes of a pattern outside character classes only', () => {
    expect(describeCondition({ field: 'url', op: 'matches', value: '^https://x/[/]y\\/z' })).toBe(
      'url matches /^https:\\/\\/x\\/[/]y\\/z/i',
    );
  });

  it('brackets a group inside a group of the other kind, and only then', () => {
    const a: Condition = { field: 'a', op: 'exists' };
    const b: Condition = { field: 'b', op: 'exists' };
    const c: Condition = { field: 'c', op: 'exists' };
    expect(describeCondition({ any: [a, b, c] })).toBe('a is present or b is present or c is present');
    expect(describeCondition({ all: [a, { any: [b, c] }] })).toBe('a is present and (b is present or c is present)');
    expect(describeCondition({ any: [{ all: [a, b] }, c] })).toBe('(a is present and b is present) or c is present');
    expect(describeCondition({ all: [a, { all: [b, c] }] })).toBe('a is present and b is present and c is present');
    expect(describeCondition({ all: [a, { any: [b] }] })).toBe('a is present and b is present');
    expect(describeCondition({ not: { any: [a, b] } })).toBe('not (a is present or b is present)');
    expect(describeCondition({ any: [a, { not: { all: [b, c] } }] })).toBe('a is present or not (b is present and c is present)');
    expect(describeCondition({ all: [{ any: [{ all: [a, b] }, c] }, a] })).toBe(
      '((a is present and b is present) or c is present) and a is present',
    );
  });
});
