import { resolve } from 'node:path';

/** Which database engine a {@link Config} selects. */
export type DatabaseKind = 'sqlite' | 'postgresql';

/** The gateway's configuration, read from the environment once at start-up. */
export interface Config {
  /** `PORT`, default `4000`. `0` picks a free port. */
  port: number;
  /** `HOST`, default `127.0.0.1`; set `0.0.0.0` to listen on every interface. */
  host: string;
  /** `DATABASE_URL`, default `sqlite:./data/leadgate.sqlite`. */
  database: { kind: DatabaseKind; url: string /** SQLite file path, or the PostgreSQL database name. */; name: string };
  /** `LOG_LEVEL`, default `info`. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** `LOG_FORMAT`: `pretty` (human-readable lines) or `json` (JSON lines); default `pretty` when stdout is a terminal, else `json`. */
  logFormat: 'pretty' | 'json';
  /** `LEADGATE_ADMIN_KEY`: the platform admin key a fresh install uses instead of generating one. */
  adminKey?: string;
  /** `SHUTDOWN_TIMEOUT_MS`, default `10000`: how long SIGTERM waits for in-flight requests. */
  shutdownTimeoutMs: number;
  /** `REDIS_URL` (`redis://` or `rediss://`): share rate limits between gateway processes; unset keeps them in memory. */
  redisUrl?: string;
  /**
   * `RATE_LIMIT_PER_MINUTE`, default `6000`: the per-minute budget of an API key without its own
   * limit, spent by every GraphQL root field (queries and mutations alike) and every dialer-door
   * request. The platform key is exempt.
   */
  rateLimitPerMinute: number;
  /**
   * `MARKETPLACE_RATE_LIMIT_PER_MINUTE`, default `60`: posts per minute to `POST /api/leads` by an
   * API key without its own limit, a budget apart from {@link rateLimitPerMinute}.
   */
  marketplaceRateLimitPerMinute: number;
  /** `GRAPHQL_MAX_DEPTH`, default `12`: deepest selection nesting an operation may have (fragments count a level). */
  graphqlMaxDepth: number;
  /** `GRAPHQL_MAX_ALIASES`, default `30`: aliases per operation (fragments counted where spread). */
  graphqlMaxAliases: number;
  /** `GRAPHQL_MAX_DIRECTIVES`, default `50`: directives per operation. */
  graphqlMaxDirectives: number;
  /** `GRAPHQL_MAX_TOKENS`, default `5000`: tokens per document, counted while parsing (parsing stops there). */
  graphqlMaxTokens: number;
  /** `GRAPHQL_MAX_COST`, default `100000`: estimated cost per operation, page sizes (`first`, `last`) multiplied in. */
  graphqlMaxCost: number;
  /** `GRAPHQL_DEADLINE_MS`, default `10000`: once an operation has run this long, its remaining fields fail. */
  graphqlDeadlineMs: number;
  /** `GRAPHQL_MAX_RESPONSE_BYTES`, default `10485760` (10 MiB): a larger reply is replaced by an error. */
  graphqlMaxResponseBytes: number;
  /**
   * `GRAPHQL_INTROSPECTION` (`true`/`false`), default `true`, but `false` when `NODE_ENV=production`:
   * whether `__schema` and `__type` may be queried (GraphiQL needs it).
   */
  graphqlIntrospection: boolean;
  /**
   * `GRAPHQL_FIELD_SUGGESTIONS` (`true`/`false`), default `true`, but `false` when
   * `NODE_ENV=production`: whether errors keep graphql-js's "Did you mean …?" hints.
   */
  graphqlFieldSuggestions: boolean;
  /**
   * `REQUEST_TIMEOUT_MS`, default `30000`: the whole request, headers and body, must arrive within
   * it, else the gateway answers 408 and closes the connection.
   */
  requestTimeoutMs: number;
  /** `HEADERS_TIMEOUT_MS`, default `10000`: the request's headers must arrive within it (else 408, closed). */
  headersTimeoutMs: number;
  /** `KEEP_ALIVE_TIMEOUT_MS`, default `5000`: how long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
  /** `CONNECTION_TIMEOUT_MS`, default `60000`: a connection with no traffic either way for this long is closed. */
  connectionTimeoutMs: number;
  /** `DELIVERY_WORKERS`, default `4`: deliveries this process sends at once; `0` sends none (another gateway does). */
  deliveryWorkers: number;
  /** `DELIVERY_POLL_MS`, default `1000`: how often the delivery worker looks for due retries. */
  deliveryPollMs: number;
  /** `DELIVERY_RETRY_BASE_MS`, default `60000`: the wait after a first failed attempt, tripled after each further one. */
  deliveryRetryBaseMs: number;
  /** `DELIVERY_MAX_ATTEMPTS`, default `8`: attempts of a new destination's deliveries before dead-lettering. */
  deliveryMaxAttempts: number;
  /** `METRICS_TOKEN` (16+ characters): GET /metrics then needs `Authorization: Bearer <token>`; unset leaves it open. */
  metricsToken?: string;
}

/** Thrown for a bad environment variable; its message is the one line start-up prints. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Default SQLite file, relative to the working directory. */
export const DEFAULT_DATABASE_URL = 'sqlite:./data/leadgate.sqlite';

function parseBoolean(name: string, raw: string | undefined, fallback: boolean): boolean {
  const value = raw?.trim().toLowerCase();
  if (value === undefined || value === '') return fallback;
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(name, `must be true or false (got "${raw}")`);
}

function parseInteger(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be an integer between ${min} and ${max} (got "${raw}")`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new ConfigError(name, `must be an integer between ${min} and ${max} (got "${raw}")`);
  return value;
}

/**
 * Parses a `DATABASE_URL`: `postgres://` or `postgresql://` selects PostgreSQL;
 * `sqlite:<path>`, `file:<path>` or a bare path selects an SQLite file (`:memory:` for a throw-away one).
 */
export function parseDatabaseUrl(raw: string, cwd = process.cwd()): Config['database'] {
  const url = raw.trim();
  if (/^postgres(ql)?:\/\//i.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError('DATABASE_URL', `is not a valid PostgreSQL URL (expected postgres://user@host:5432/database)`);
    }
    const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    if (!name) throw new ConfigError('DATABASE_URL', 'must name a database (postgres://user@host:5432/database)');
    return { kind: 'postgresql', url, name };
  }
  const match = /^(?:sqlite|file):(?:\/\/)?(.*)$/i.exec(url);
  const path = match ? match[1]! : url;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !match) {
    throw new ConfigError('DATABASE_URL', `must start with postgres://, postgresql:// or sqlite: (got "${url.split(':')[0]}:")`);
  }
  if (!path) throw new ConfigError('DATABASE_URL', 'must name an SQLite file (sqlite:./data/leadgate.sqlite)');
  const name = path === ':memory:' ? path : resolve(cwd, path);
  return { kind: 'sqlite', url, name };
}

/** Parses a `REDIS_URL`: a `redis://` or `rediss://` URL with a host. */
export function parseRedisUrl(raw: string): string {
  const url = raw.trim();
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !/^rediss?:$/i.test(parsed.protocol) || !parsed.hostname) {
    // The value is not echoed: it may carry a password.
    throw new ConfigError('REDIS_URL', 'must be a redis:// or rediss:// URL with a host, e.g. redis://127.0.0.1:6379');
  }
  return url;
}

/** Reads the configuration from `env`; throws {@link ConfigError} naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = (env.LOG_LEVEL?.trim() || 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')} (got "${env.LOG_LEVEL}")`);
  }
  const logFormat = (env.LOG_FORMAT?.trim() || (process.stdout.isTTY ? 'pretty' : 'json')).toLowerCase();
  if (logFormat !== 'pretty' && logFormat !== 'json')
    throw new ConfigError('LOG_FORMAT', `must be pretty or json (got "${env.LOG_FORMAT}")`);
  const host = env.HOST?.trim() || '127.0.0.1';
  const adminKey = env.LEADGATE_ADMIN_KEY?.trim() || undefined;
  if (adminKey !== undefined && adminKey.length < 24) {
    throw new ConfigError('LEADGATE_ADMIN_KEY', 'must be at least 24 characters long');
  }
  const production = env.NODE_ENV?.trim().toLowerCase() === 'production';
  const requestTimeoutMs = parseInteger('REQUEST_TIMEOUT_MS', env.REQUEST_TIMEOUT_MS, 30_000, 100, 3_600_000);
  const headersTimeoutMs = parseInteger('HEADERS_TIMEOUT_MS', env.HEADERS_TIMEOUT_MS, Math.min(10_000, requestTimeoutMs), 100, 3_600_000);
  // Node refuses a headers timeout above the request timeout.
  if (headersTimeoutMs > requestTimeoutMs)
    throw new ConfigError('HEADERS_TIMEOUT_MS', `must not exceed REQUEST_TIMEOUT_MS (${requestTimeoutMs})`);
  return {
    port: parseInteger('PORT', env.PORT, 4000, 0, 65535),
    host,
    database: parseDatabaseUrl(env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL),
    logLevel: logLevel as Config['logLevel'],
    logFormat,
    adminKey,
    shutdownTimeoutMs: parseInteger('SHUTDOWN_TIMEOUT_MS', env.SHUTDOWN_TIMEOUT_MS, 10_000, 0, 600_000),
    redisUrl: env.REDIS_URL?.trim() ? parseRedisUrl(env.REDIS_URL) : undefined,
    rateLimitPerMinute: parseInteger('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 6000, 1, 100_000),
    marketplaceRateLimitPerMinute: parseInteger('MARKETPLACE_RATE_LIMIT_PER_MINUTE', env.MARKETPLACE_RATE_LIMIT_PER_MINUTE, 60, 1, 100_000),
    graphqlMaxDepth: parseInteger('GRAPHQL_MAX_DEPTH', env.GRAPHQL_MAX_DEPTH, 12, 1, 1000),
    graphqlMaxAliases: parseInteger('GRAPHQL_MAX_ALIASES', env.GRAPHQL_MAX_ALIASES, 30, 0, 100_000),
    graphqlMaxDirectives: parseInteger('GRAPHQL_MAX_DIRECTIVES', env.GRAPHQL_MAX_DIRECTIVES, 50, 0, 100_000),
    graphqlMaxTokens: parseInteger('GRAPHQL_MAX_TOKENS', env.GRAPHQL_MAX_TOKENS, 5000, 100, 1_000_000),
    graphqlMaxCost: parseInteger('GRAPHQL_MAX_COST', env.GRAPHQL_MAX_COST, 100_000, 1, 1_000_000_000),
    graphqlDeadlineMs: parseInteger('GRAPHQL_DEADLINE_MS', env.GRAPHQL_DEADLINE_MS, 10_000, 10, 3_600_000),
    graphqlMaxResponseBytes: parseInteger(
      'GRAPHQL_MAX_RESPONSE_BYTES',
      env.GRAPHQL_MAX_RESPONSE_BYTES,
      10 * 1024 * 1024,
      1024,
      1024 * 1024 * 1024,
    ),
    graphqlIntrospection: parseBoolean('GRAPHQL_INTROSPECTION', env.GRAPHQL_INTROSPECTION, !production),
    graphqlFieldSuggestions: parseBoolean('GRAPHQL_FIELD_SUGGESTIONS', env.GRAPHQL_FIELD_SUGGESTIONS, !production),
    requestTimeoutMs,
    headersTimeoutMs,
    keepAliveTimeoutMs: parseInteger('KEEP_ALIVE_TIMEOUT_MS', env.KEEP_ALIVE_TIMEOUT_MS, 5000, 100, 3_600_000),
    connectionTimeoutMs: parseInteger('CONNECTION_TIMEOUT_MS', env.CONNECTION_TIMEOUT_MS, 60_000, 100, 3_600_000),
    deliveryWorkers: parseInteger('DELIVERY_WORKERS', env.DELIVERY_WORKERS, 4, 0, 64),
    deliveryPollMs: parseInteger('DELIVERY_POLL_MS', env.DELIVERY_POLL_MS, 1000, 10, 60_000),
    deliveryRetryBaseMs: parseInteger('DELIVERY_RETRY_BASE_MS', env.DELIVERY_RETRY_BASE_MS, 60_000, 10, 3_600_000),
    deliveryMaxAttempts: parseInteger('DELIVERY_MAX_ATTEMPTS', env.DELIVERY_MAX_ATTEMPTS, 8, 1, 20),
    metricsToken: parseToken('METRICS_TOKEN', env.METRICS_TOKEN),
  };
}

/** An optional secret of 16 or more visible characters; the value is never echoed. */
function parseToken(name: string, raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  if (!/^[\x21-\x7e]{16,}$/.test(value)) throw new ConfigError(name, 'must be at least 16 visible characters without spaces');
  return value;
}
