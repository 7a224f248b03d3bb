import { describe, expect, it } from 'vitest';
import { newId, randomToken } from './ids.js';

describe('newId', () => {
  it('prefixes, and sorts in creation order within a process', () => {
    const ids = Array.from({ length: 2000 }, () => newId('lead'));
    expect(ids.every((id) => /^lead_[0-9a-z]{21}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('randomToken', () => {
  it('draws only from the alphabet, at the requested length', () => {
    const token = randomToken(500, 'AB');
    expect(token).toHaveLength(500);
    expect(token).toMatch(/^[AB]+$/);
    expect(token).toContain('A');
    expect(token).toContain('B');
  });
});
