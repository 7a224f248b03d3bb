import type { FastifyReply } from 'fastify';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { setRateLimitHeaders } from './http.js';
import { MAX_REQUESTS_PER_MINUTE, RATE_LIMIT_WINDOW_SECONDS } from './limits.js';

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
  /** Requests per window for a key without its own limit (RATE_LIMIT_PER_MINUTE). */
  defaultLimit: number;
  /** `redis://` or `rediss://`: count in Redis, shared by every gateway using it. Unset counts in memory. */
  redisUrl?: string;
  log?: RateLimitLogger;
  /** Window length in seconds, default 60 (tests shorten it). */
  windowSeconds?: number;
  /** Prefix of the counters' keys (in Redis: `<prefix>:<apiKeyId>`), default `leadgate:rl`. */
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
  readonly windowSeconds: number;
  private readonly limiter: RateLimiterAbstract;
  private readonly redis?: Redis;
  private readonly log: RateLimitLogger;
  /** True from a Redis error until it is ready again (the warning is logged once per outage). */
  private redisDown = false;
  private closed?: Promise<void>;

  constructor(options: RateLimitOptions) {
    if (!Number.isInteger(options.defaultLimit) || options.defaultLimit < 1 || options.defaultLimit > MAX_REQUESTS_PER_MINUTE) {
      throw new RangeError(`defaultLimit must be an integer between 1 and ${MAX_REQUESTS_PER_MINUTE}`);
    }
    this.defaultLimit = options.defaultLimit;
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

  /** The limit that applies to a key: its own, or the default when it has none. */
  limitFor(keyLimit?: number | null): number {
    return keyLimit ?? this.defaultLimit;
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
   * Counts one request by API key `keyId` and says whether it is within `keyLimit` (the key's own
   * limit; null or absent for the default). Refused requests count too.
   */
  async consume(keyId: string, keyLimit?: number | null): Promise<RateLimitResult> {
    const limit = this.limitFor(keyLimit);
    let res: RateLimiterRes;
    try {
      res = await this.limiter.consume(keyId, 1);
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        // Over the limiter's ceiling, hence over any key's limit.
        res = error;
      } else {
        this.log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'rate limiter failed; the request is let through');
        return { allowed: true, limit, remaining: limit, resetAt: Math.ceil(Date.now() / 1000) + this.windowSeconds, retryAfterSeconds: 0 };
      }
    }
    const msLeft = res.msBeforeNext >= 0 ? res.msBeforeNext : this.windowSeconds * 1000;
    const allowed = res.consumedPoints <= limit;
    return {
      allowed,
      limit,
      remaining: Math.max(0, limit - res.consumedPoints),
      resetAt: Math.ceil((Date.now() + msLeft) / 1000),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(msLeft / 1000)),
    };
  }

  /**
   * For REST doors: counts one request by `key` (an API key caller: its id and own limit), sets the
   * X-RateLimit headers (and Retry-After when refused) on `reply` and returns the result. The door
   * answers `!result.allowed` with a 429 in its own format.
   */
  async enforce(key: { keyId: string; rateLimitPerMinute: number | null }, reply: FastifyReply): Promise<RateLimitResult> {
    const result = await this.consume(key.keyId, key.rateLimitPerMinute);
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
