import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDatabaseUrl } from './config.js';

describe('loadConfig', () => {
  it('has documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, host: '127.0.0.1', logLevel: 'info', adminKey: undefined, shutdownTimeoutMs: 10_000 });
    expect(config.database.kind).toBe('sqlite');
    expect(config.database.name).toMatch(/\/data\/leadgate\.sqlite$/);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      LOG_LEVEL: 'DEBUG',
      DATABASE_URL: 'postgres://u:p@db:5432/leads',
      LEADGATE_ADMIN_KEY: 'lgk_0123456789abcdef012345',
      SHUTDOWN_TIMEOUT_MS: '2500',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      logLevel: 'debug',
      adminKey: 'lgk_0123456789abcdef012345',
      shutdownTimeoutMs: 2500,
      database: { kind: 'postgresql', url: 'postgres://u:p@db:5432/leads', name: 'leads' },
    });
  });

  it.each([
    [{ PORT: '-1' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '80.5' }, 'PORT'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ DATABASE_URL: 'postgres://host:5432' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'redis://localhost' }, 'DATABASE_URL'],
    [{ LEADGATE_ADMIN_KEY: 'short' }, 'LEADGATE_ADMIN_KEY'],
    [{ SHUTDOWN_TIMEOUT_MS: 'soon' }, 'SHUTDOWN_TIMEOUT_MS'],
  ])('refuses %j naming %s', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
  });
});

describe('parseDatabaseUrl', () => {
  it('reads the SQLite forms relative to the working directory', () => {
    expect(parseDatabaseUrl('sqlite:./x.db', '/srv')).toEqual({ kind: 'sqlite', url: 'sqlite:./x.db', name: '/srv/x.db' });
    expect(parseDatabaseUrl('sqlite:///var/x.db', '/srv').name).toBe('/var/x.db');
    expect(parseDatabaseUrl('file:data/y.sqlite', '/srv').name).toBe('/srv/data/y.sqlite');
    expect(parseDatabaseUrl('./z.sqlite', '/srv').name).toBe('/srv/z.sqlite');
    expect(parseDatabaseUrl('sqlite::memory:').name).toBe(':memory:');
  });

  it('reads PostgreSQL URLs', () => {
    expect(parseDatabaseUrl('postgresql://postgres@127.0.0.1:5432/test')).toMatchObject({ kind: 'postgresql', name: 'test' });
  });
});

describe('rate-limit configuration', () => {
  it('defaults to 6000 a minute for the api budget and 60 for the marketplace door, in memory', () => {
    expect(loadConfig({})).toMatchObject({ rateLimitPerMinute: 6000, marketplaceRateLimitPerMinute: 60, redisUrl: undefined });
    expect(loadConfig({ MARKETPLACE_RATE_LIMIT_PER_MINUTE: '120' }).marketplaceRateLimitPerMinute).toBe(120);
  });

  it('reads REDIS_URL and RATE_LIMIT_PER_MINUTE', () => {
    expect(loadConfig({ REDIS_URL: ' redis://127.0.0.1:6379 ', RATE_LIMIT_PER_MINUTE: '600' })).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      rateLimitPerMinute: 600,
    });
    expect(loadConfig({ REDIS_URL: 'rediss://:secret@cache.example.com:6380/2' }).redisUrl).toBe(
      'rediss://:secret@cache.example.com:6380/2',
    );
    expect(loadConfig({ REDIS_URL: '', RATE_LIMIT_PER_MINUTE: '' })).toMatchObject({ redisUrl: undefined, rateLimitPerMinute: 6000 });
  });

  it.each([
    [{ REDIS_URL: 'http://127.0.0.1:6379' }, 'REDIS_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ REDIS_URL: 'redis://' }, 'REDIS_URL'],
    [{ METRICS_TOKEN: 'too short' }, 'METRICS_TOKEN'],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, 'RATE_LIMIT_PER_MINUTE'],
    [{ RATE_LIMIT_PER_MINUTE: '100001' }, 'RATE_LIMIT_PER_MINUTE'],
    [{ RATE_LIMIT_PER_MINUTE: 'lots' }, 'RATE_LIMIT_PER_MINUTE'],
    [{ MARKETPLACE_RATE_LIMIT_PER_MINUTE: '0' }, 'MARKETPLACE_RATE_LIMIT_PER_MINUTE'],
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
