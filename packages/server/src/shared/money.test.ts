import { describe, expect, it } from 'vitest';
import { amountToCents, centsToAmount, formatCents } from './money.js';

describe('money', () => {
  it('converts dollars to integer cents without float drift', () => {
    expect(amountToCents(12.5, 'price')).toBe(1250);
    expect(amountToCents(0.29, 'price')).toBe(29);
    expect(amountToCents(19.99, 'price')).toBe(1999);
    expect(centsToAmount(1999)).toBe(19.99);
  });

  it('refuses negatives, NaN and sub-cent amounts', () => {
    expect(() => amountToCents(-0.01, 'price')).toThrow('price must be between 0 and 10000000');
    expect(() => amountToCents(Number.NaN, 'price')).toThrow('price must be between 0 and 10000000');
    expect(() => amountToCents(0.001, 'price')).toThrow('price must have at most two decimals');
  });

  it('prints two decimals as the legacy contracts do', () => {
    expect(formatCents(0)).toBe('0.00');
    expect(formatCents(1250)).toBe('12.50');
  });
});
