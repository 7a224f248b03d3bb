import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

/** REDIS_URL and RATE_LIMIT_PER_MINUTE (src/config.ts). */
describe('rate-limit configuration', () => {
  it('defaults to 60 requests per minute, in memory', () => {
    expect(loadConfig({})).toMatchObject({ rateLimitPerMinute: 60, redisUrl: undefined });
  });

  it('reads REDIS_URL and RATE_LIMIT_PER_MINUTE', () => {
    expect(loadConfig({ REDIS_URL: ' redis://127.0.0.1:6379 ', RATE_LIMIT_PER_MINUTE: '600' })).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379', rateLimitPerMinute: 600,
    });
    expect(loadConfig({ REDIS_URL: 'rediss://:secret@cache.example.com:6380/2' }).redisUrl).toBe('rediss://:secret@cache.example.com:6380/2');
    expect(loadConfig({ REDIS_URL: '', RATE_LIMIT_PER_MINUTE: '' })).toMatchObject({ redisUrl: undefined, rateLimitPerMinute: 60 });
  });

  it.each([
    [{ REDIS_URL: 'http://127.0.0.1:6379' }, 'REDIS_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ REDIS_URL: 'redis://' }, 'REDIS_URL'],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, 'RATE_LIMIT_PER_MINUTE'],
    [{ RATE_LIMIT_PER_MINUTE: '100001' }, 'RATE_LIMIT_PER_MINUTE'],
    [{ RATE_LIMIT_PER_MINUTE: 'lots' }, 'RATE_LIMIT_PER_MINUTE'],
  ])('refuses %j naming %s', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
  });

  it('does not echo a bad REDIS_URL (it may hold a password)', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://user:hunter2@cache:6379' })).toThrow(
      'Invalid configuration: REDIS_URL must be a redis:// or rediss:// URL with a host, e.g. redis://127.0.0.1:6379',
    );
  });
});
