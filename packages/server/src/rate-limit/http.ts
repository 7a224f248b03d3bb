import type { FastifyReply } from 'fastify';
import { AppError } from '../errors/app-error.js';
import type { RateLimitResult, RateLimitService } from './rate-limit.service.js';

/**
 * The headers that report a key's budget: `X-RateLimit-Limit`, `X-RateLimit-Remaining`,
 * `X-RateLimit-Reset` (Unix seconds), and `Retry-After` (seconds) when the request is refused.
 */
export function rateLimitHeaders(result: RateLimitResult): Array<[string, string]> {
  const headers: Array<[string, string]> = [
    ['x-ratelimit-limit', String(result.limit)],
    ['x-ratelimit-remaining', String(result.remaining)],
    ['x-ratelimit-reset', String(result.resetAt)],
  ];
  if (!result.allowed) headers.push(['retry-after', String(result.retryAfterSeconds)]);
  return headers;
}

/** Sets {@link rateLimitHeaders} on a Fastify reply. */
export function setRateLimitHeaders(reply: FastifyReply, result: RateLimitResult): void {
  for (const [name, value] of rateLimitHeaders(result)) reply.header(name, value);
}

/** The message every door gives a refused request. */
export function rateLimitMessage(result: RateLimitResult): string {
  return `Rate limit exceeded: ${result.limit} requests per minute for this API key; retry in ${result.retryAfterSeconds} seconds`;
}

/** A RATE_LIMITED {@link AppError} for a refused request (HTTP 429 through `replyWithError`). */
export function rateLimitExceeded(result: RateLimitResult): AppError {
  return new AppError('RATE_LIMITED', rateLimitMessage(result));
}

/**
 * For REST doors: counts one request by API key `keyId` (its own limit `keyLimit`, null for the
 * default), sets the X-RateLimit headers (and Retry-After when refused) on `reply`, and returns the
 * result. The door answers `!result.allowed` with a 429 in its own format, e.g.
 * `if (!result.allowed) throw rateLimitExceeded(result)`.
 */
export async function enforceRateLimit(
  service: RateLimitService,
  keyId: string,
  keyLimit: number | null | undefined,
  reply: FastifyReply,
): Promise<RateLimitResult> {
  const result = await service.consume(keyId, keyLimit);
  setRateLimitHeaders(reply, result);
  return result;
}
