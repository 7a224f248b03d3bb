import { describe, expect, it } from 'vitest';
import { MAX_RETRY_DELAY_MS, retryAfterMs, retryDelayMs } from './backoff.js';

describe('backoff', () => {
  it('triples from the base with up to 20% jitter, at most a day', () => {
    const minute = 60_000;
    expect([1, 2, 3, 7].map((n) => retryDelayMs(n, minute, () => 0.5))).toEqual([minute, 3 * minute, 9 * minute, 729 * minute]);
    expect(retryDelayMs(1, minute, () => 0)).toBe(48_000);
    expect(retryDelayMs(1, minute, () => 1)).toBe(72_000);
    expect(retryDelayMs(20, minute, () => 1)).toBe(MAX_RETRY_DELAY_MS);
  });

  it('reads Retry-After as seconds or a date', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Mon, 23 Nov 2026 12:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});
