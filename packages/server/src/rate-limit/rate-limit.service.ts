import type { FastifyReply } from 'fastify';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { setRateLimitHeaders } from './http.js';
import { DEFAULT_MARKETPLACE_REQUESTS_PER_MINUTE, MAX_REQUESTS_PER_MINUTE, RATE_LIMIT_WINDOW_SECONDS } from './limits.js';

/**
 * The budgets a key spends: `api` (GraphQL root fields and the dialer and opt-in doors,
 * RATE_LIMIT_PER_MINUTE) and `marketplace` (`POST /api/leads`, MARKETPLACE_RATE_LIMIT_PER_MINUTE),
 * counted apart.
 */
export type RateLimitBudget = 'api' | 'marketplace';

/** The outcome of counting one request against an API key's budget. */
export interface RateLimitResult {
  /** False when the request is over the key's limit and must be refused (429). */
  allowed: boolean;
  /** The key's limit: requests per window. */
  limit: number;
  /** Requests left in the current window (0 once over). */
  remaining: number;
  /** When the current window ends and the budget is whole again, in Unix seconds. */
  resetAt: number;
  /** Seconds until a refused request may be retried (the window's end); 0 when allowed. */
  retryAfterSeconds: number;
}

/** What the service logs with (a Fastify/pino logger fits). */
export interface RateLimitLogger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export interface RateLimitOptions {
  /** Requests per window of the `api` budget for a key without its own limit (RATE_LIMIT_PER_MINUTE). */
  defaultLimit: number;
  /** Requests per window of the `marketplace` budget for a key without its own limit, default `60` (MARKETPLACE_RATE_LIMIT_PER_MINUTE). */
  marketplaceLimit?: number;
  /** `redis://` or `rediss://`: count in Redis, shared by every gateway using it. Unset counts in memory. */
  redisUrl?: string;
  log?: RateLimitLogger;
  /** Window length in seconds, default 60 (tests shorten it). */
  windowSeconds?: number;
  /** Prefix of the counters' keys (in Redis: `<prefix>:<apiKeyId>`, `<prefix>:marketplace:<apiKeyId>`), default `leadgate:rl`. */
  keyPrefix?: string;
  /** How long an ioredis command may take before the in-memory fallback answers, default 1000 ms. */
  redisCommandTimeoutMs?: number;
}

const SILENT: RateLimitLogger = { warn: () => undefined, info: () => undefined };

/**
 * Per-API-key rate limiting: a fixed window (60 s by default) per key id, counted with
 * rate-limiter-flexible in Redis when a URL is given (one budget across every gateway process)
 * and in memory otherwise.
 *
 * Every key, whatever its limit, is counted by one limiter whose ceiling is the highest limit
 * allowed; the key's own limit is compared with the count here. So a key has exactly one budget
 * (in Redis and in memory alike), and changing a key's limit applies to the window in progress.
 *
 * If Redis cannot answer (down, unreachable, slow), rate-limiter-flexible's insurance limiter
 * counts in this process's memory instead, and a warning is logged once until Redis is back: the
 * gateway keeps answering (each process then enforces the limit on its own). Any other failure
 * of the limiter lets the request through (fail open), logged.
 */
export class RateLimitService {
  readonly defaultLimit: number;
  readonly marketplaceLimit: number;
  readonly windowSeconds: number;
  private readonly limiter: RateLimiterAbstract;
  private readonly redis?: Redis;
  private readonly log: RateLimitLogger;
  /** True from a Redis error until it is ready again (the warning is logged once per outage). */
  private redisDown = false;
  private closed?: Promise<void>;

  constructor(options: RateLimitOptions) {
    for (const [name, limit] of [
      ['defaultLimit', options.defaultLimit],
      ['marketplaceLimit', options.marketplaceLimit ?? DEFAULT_MARKETPLACE_REQUESTS_PER_MINUTE],
    ] as const) {
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_REQUESTS_PER_MINUTE) {
        throw new RangeError(`${name} must be an integer between 1 and ${MAX_REQUESTS_PER_MINUTE}`);
      }
    }
    this.defaultLimit = options.defaultLimit;
    this.marketplaceLimit = options.marketplaceLimit ?? DEFAULT_MARKETPLACE_REQUESTS_PER_MINUTE;
    this.windowSeconds = options.windowSeconds ?? RATE_LIMIT_WINDOW_SECONDS;
    this.log = options.log ?? SILENT;
    const keyPrefix = options.keyPrefix ?? 'leadgate:rl';
    const common = { keyPrefix, points: MAX_REQUESTS_PER_MINUTE, duration: this.windowSeconds };
    const memory = new RateLimiterMemory(common);
    if (!options.redisUrl) {
      this.limiter = memory;
      return;
    }
    this.redis = new Redis(options.redisUrl, {
      // Fail fast while disconnected, so the insurance limiter answers instead of a queue waiting.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      commandTimeout: options.redisCommandTimeoutMs ?? 1000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    this.redis.on('error', (error: Error) => {
      if (this.redisDown) return;
      this.redisDown = true;
      // The message only (e.g. "connect ECONNREFUSED 127.0.0.1:6379"): never the URL, which may hold a password.
      this.log.warn({ reason: error.message }, 'Redis is unavailable: rate limits are counted in this process only until it is back');
    });
    this.redis.on('ready', () => {
      if (!this.redisDown) return;
      this.redisDown = false;
      this.log.info({}, 'Redis is back: rate limits are shared again');
    });
    this.limiter = new RateLimiterRedis({ ...common, storeClient: this.redis, rejectIfRedisNotReady: true, insuranceLimiter: memory });
  }

  /** Whether the counters are shared through Redis. */
  get shared(): boolean {
    return this.redis !== undefined;
  }

  /** The limit that applies to a key in `budget`: its own, or the budget's default when it has none. */
  limitFor(keyLimit?: number | null, budget: RateLimitBudget = 'api'): number {
    return keyLimit ?? (budget === 'marketplace' ? this.marketplaceLimit : this.defaultLimit);
  }

  /**
   * Resolves once Redis is connected, has failed once, or `timeoutMs` passed, whichever is
   * first; at once without Redis. Never rejects: start-up is not held up by Redis being down.
   */
  async waitUntilReady(timeoutMs = 2000): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        redis.off('ready', done);
        redis.off('error', done);
        redis.off('end', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      timer.unref();
      redis.once('ready', done);
      redis.once('error', done);
      redis.once('end', done);
    });
  }

  /**
   * Spends `points` (default 1) of API key `keyId`'s `budget` (default `api`) and says whether they
   * were within `keyLimit` (the key's own limit; null or absent for the budget's default). A refused
   * request spends nothing: its points are given back, so a client retrying too early does not
   * push its own window further into debt.
   */
  async consume(
    keyId: string,
    keyLimit?: number | null,
    options: { points?: number; budget?: RateLimitBudget } = {},
  ): Promise<RateLimitResult> {
    const budget = options.budget ?? 'api';
    const points = options.points ?? 1;
    const limit = this.limitFor(keyLimit, budget);
    const counter = budget === 'api' ? keyId : `${budget}:${keyId}`;
    let res: RateLimiterRes;
    try {
      res = await this.limiter.consume(counter, points);
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        // Over the limiter's ceiling, hence over any key's limit.
        res = error;
      } else {
        this.log.warn(
          { reason: error instanceof Error ? error.message : String(error) },
          'rate limiter failed; the request is let through',
        );
        return { allowed: true, limit, remaining: limit, resetAt: Math.ceil(Date.now() / 1000) + this.windowSeconds, retryAfterSeconds: 0 };
      }
    }
    const msLeft = res.msBeforeNext >= 0 ? res.msBeforeNext : this.windowSeconds * 1000;
    const allowed = res.consumedPoints <= limit;
    let spent = res.consumedPoints;
    if (!allowed) {
      spent -= points;
      // A failed refund only makes the key's count higher than it should be until the window ends.
      await this.limiter.reward(counter, points).catch(() => undefined);
    }
    return {
      allowed,
      limit,
      remaining: Math.max(0, limit - spent),
      resetAt: Math.ceil((Date.now() + msLeft) / 1000),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(msLeft / 1000)),
    };
  }

  /**
   * For REST doors: counts one request by `key` (an API key caller: its id and own limit) in
   * `budget` (default `api`), sets the X-RateLimit headers (and Retry-After when refused) on `reply`
   * and returns the result. The door answers `!result.allowed` with a 429 in its own format.
   */
  async enforce(
    key: { keyId: string; rateLimitPerMinute: number | null },
    reply: FastifyReply,
    budget: RateLimitBudget = 'api',
  ): Promise<RateLimitResult> {
    const result = await this.consume(key.keyId, key.rateLimitPerMinute, { budget });
    setRateLimitHeaders(reply, result);
    return result;
  }

  /** Closes the Redis connection, if any. Idempotent. */
  close(): Promise<void> {
    return (this.closed ??= (async () => {
      const redis = this.redis;
      if (!redis) return;
      if (redis.status === 'ready') {
        try {
          await redis.quit();
          return;
        } catch {
          // fall through to a hard disconnect
        }
      }
      redis.disconnect();
    })());
  }
}
