import { afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { rateLimitHeaders, rateLimitMessage } from './http.js';
import { RateLimitService, type RateLimitLogger } from './rate-limit.service.js';
import { servicesUp, TEST_REDIS_URL } from '../../test/services.js';

/** Redis runs here and on CI; every test counts under its own key prefix, so nothing needs flushing. */
const REDIS_URL = TEST_REDIS_URL;
const redisUp = await servicesUp('RateLimitService through Redis', 'Redis');
const prefix = (name: string) => `leadgate:rl-test:${name}:${process.pid}:${Date.now().toString(36)}`;

function capture(): RateLimitLogger & { lines: Array<{ level: string; msg: string; obj: object }> } {
  const lines: Array<{ level: string; msg: string; obj: object }> = [];
  return {
    lines,
    warn: (obj, msg) => lines.push({ level: 'warn', msg, obj }),
    info: (obj, msg) => lines.push({ level: 'info', msg, obj }),
  };
}

describe('RateLimitService', () => {
  const services: RateLimitService[] = [];
  const make = (options: ConstructorParameters<typeof RateLimitService>[0]) => {
    const service = new RateLimitService(options);
    services.push(service);
    return service;
  };
  afterEach(async () => {
    await Promise.all(services.splice(0).map((s) => s.close()));
  });

  it('in memory: allows the limit within the window, then refuses with the time left', async () => {
    const service = make({ defaultLimit: 60 });
    const before = Math.floor(Date.now() / 1000);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await service.consume('key_a', 3));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0, 0]);
    expect(results.every((r) => r.limit === 3)).toBe(true);
    for (const r of results) {
      expect(r.resetAt).toBeGreaterThanOrEqual(before + 59);
      expect(r.resetAt).toBeLessThanOrEqual(before + 61);
    }
    expect(results[0]!.retryAfterSeconds).toBe(0);
    expect(results[3]!.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(results[3]!.retryAfterSeconds).toBeLessThanOrEqual(60);
    // The window is fixed: every reply in it names the same end.
    expect(new Set(results.map((r) => r.resetAt)).size).toBeLessThanOrEqual(2);
  });

  it('uses the default for a key without its own limit; keys are counted apart', async () => {
    const service = make({ defaultLimit: 2 });
    expect((await service.consume('key_b', null)).limit).toBe(2);
    expect((await service.consume('key_b')).allowed).toBe(true);
    expect((await service.consume('key_b')).allowed).toBe(false);
    const other = await service.consume('key_c', null);
    expect(other).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('one budget per key whatever its limit: a changed limit applies to the window in progress', async () => {
    const service = make({ defaultLimit: 60 });
    for (let i = 0; i < 3; i++) expect((await service.consume('key_d', 5)).allowed).toBe(true);
    expect(await service.consume('key_d', 3)).toMatchObject({ allowed: false, remaining: 0, limit: 3 });
    // The refused request spent nothing: 4 of 10 are used.
    expect(await service.consume('key_d', 10)).toMatchObject({ allowed: true, remaining: 6, limit: 10 });
  });

  it('spends several points at once; a request the budget cannot cover is refused whole and spends nothing', async () => {
    const service = make({ defaultLimit: 10 });
    expect(await service.consume('key_p', null, { points: 7 })).toMatchObject({ allowed: true, remaining: 3 });
    expect(await service.consume('key_p', null, { points: 4 })).toMatchObject({ allowed: false, remaining: 3 });
    expect(await service.consume('key_p', null, { points: 3 })).toMatchObject({ allowed: true, remaining: 0 });
  });

  it("counts the marketplace budget apart, at its own default; a key's own limit applies to both", async () => {
    const service = make({ defaultLimit: 100, marketplaceLimit: 2 });
    const door = () => service.consume('key_m', null, { budget: 'marketplace' });
    expect([(await door()).allowed, (await door()).allowed, (await door()).allowed]).toEqual([true, true, false]);
    expect(await service.consume('key_m')).toMatchObject({ allowed: true, limit: 100, remaining: 99 });
    expect(await service.consume('key_n', 5, { budget: 'marketplace' })).toMatchObject({ allowed: true, limit: 5, remaining: 4 });
    expect(() => new RateLimitService({ defaultLimit: 5, marketplaceLimit: 0 })).toThrow(RangeError);
  });

  it('gives a whole budget again when the window ends', async () => {
    const service = make({ defaultLimit: 1, windowSeconds: 1 });
    expect((await service.consume('key_e')).allowed).toBe(true);
    expect((await service.consume('key_e')).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await service.consume('key_e')).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('refuses a bad default limit', () => {
    expect(() => new RateLimitService({ defaultLimit: 0 })).toThrow(RangeError);
    expect(() => new RateLimitService({ defaultLimit: 100_001 })).toThrow(RangeError);
  });

  it.skipIf(!redisUp)('through Redis: two services (two gateways) share one budget, stored under <prefix>:<keyId>', async () => {
    const keyPrefix = prefix('shared');
    const a = make({ defaultLimit: 60, redisUrl: REDIS_URL, keyPrefix });
    const b = make({ defaultLimit: 60, redisUrl: REDIS_URL, keyPrefix });
    await Promise.all([a.waitUntilReady(), b.waitUntilReady()]);
    expect(a.shared).toBe(true);
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await (i % 2 ? b : a).consume('key_f', 4));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, false, false]);
    expect(results.map((r) => r.remaining)).toEqual([3, 2, 1, 0, 0, 0]);
    const redis = new Redis(REDIS_URL);
    try {
      // The two refused requests were given back.
      expect(await redis.get(`${keyPrefix}:key_f`)).toBe('4');
      const ttl = await redis.pttl(`${keyPrefix}:key_f`);
      expect(ttl).toBeGreaterThan(55_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
    } finally {
      redis.disconnect();
    }
  });

  it('Redis unreachable: never throws, counts in memory, warns once', async () => {
    const log = capture();
    const service = make({ defaultLimit: 60, redisUrl: 'redis://127.0.0.1:1', keyPrefix: prefix('down'), log });
    const started = Date.now();
    await service.waitUntilReady();
    expect(Date.now() - started).toBeLessThan(2500);
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await service.consume('key_g', 2));
    expect(results.map((r) => r.allowed)).toEqual([true, true, false]);
    await new Promise((r) => setTimeout(r, 500)); // let a reconnect attempt fail too
    const warnings = log.lines.filter((l) => l.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toMatch(/Redis is unavailable/);
    expect(JSON.stringify(warnings[0]!.obj)).not.toContain('redis://');
  });

  it('closes idempotently, with or without Redis', async () => {
    const service = new RateLimitService({ defaultLimit: 5, redisUrl: REDIS_URL, keyPrefix: prefix('close') });
    await service.waitUntilReady();
    await service.consume('key_h');
    await Promise.all([service.close(), service.close()]);
    await new RateLimitService({ defaultLimit: 5 }).close();
    const down = new RateLimitService({ defaultLimit: 5, redisUrl: 'redis://127.0.0.1:1' });
    await down.close();
  });
});

describe('rate-limit headers and message', () => {
  it('report the budget, and Retry-After only when refused', () => {
    const allowed = { allowed: true, limit: 60, remaining: 59, resetAt: 1_800_000_000, retryAfterSeconds: 0 };
    expect(rateLimitHeaders(allowed)).toEqual([
      ['x-ratelimit-limit', '60'],
      ['x-ratelimit-remaining', '59'],
      ['x-ratelimit-reset', '1800000000'],
    ]);
    const refused = { allowed: false, limit: 3, remaining: 0, resetAt: 1_800_000_042, retryAfterSeconds: 42 };
    expect(rateLimitHeaders(refused)).toContainEqual(['retry-after', '42']);
    expect(rateLimitMessage(refused)).toBe('Rate limit exceeded: 3 requests per minute for this API key; retry in 42 seconds');
  });
});
