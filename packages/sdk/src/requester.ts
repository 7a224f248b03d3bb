/**
 * All of the SDK's resilience, in one place: the `SdkFunctionWrapper` every generated operation
 * runs through (idempotency key, retries with backoff, error parsing) and the fetch wrapper
 * that bounds each attempt in time.
 */
import type { SdkFunctionWrapper } from './_generated/graphql.js';
import { IDEMPOTENT_MUTATIONS } from './_generated/operation-policy.js';
import { ConnectionError, LeadgateError, RateLimitError, toLeadgateError } from './errors.js';

/** Retries after the first attempt, unless the client or the call says otherwise. */
export const DEFAULT_MAX_RETRIES = 2;
/** Per-attempt timeout, unless the client or the call says otherwise. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Delay before the first retry; it doubles on each further one. */
export const INITIAL_RETRY_DELAY_MS = 500;
/** No backoff between retries waits longer than this. */
export const MAX_RETRY_DELAY_MS = 5_000;
/**
 * The longest `Retry-After` of a 429 that is waited out, unless the client or the call says
 * otherwise: the gateway's rate-limit window is one minute.
 */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

/** The header a mutation carries so the gateway can recognise a retried call. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/**
 * Mutations a retry cannot duplicate: those the schema declares `@idempotent` (read at codegen
 * time), which the gateway replays by their Idempotency-Key.
 */
export { IDEMPOTENT_MUTATIONS } from './_generated/operation-policy.js';

/** What {@link createRequestWrapper} needs for one logical call. */
export interface RequestPolicy {
  /** Retries after the first attempt; `0` never retries. */
  maxRetries: number;
  /** The longest `Retry-After` waited out, default {@link DEFAULT_MAX_RETRY_AFTER_MS}. */
  maxRetryAfterMs?: number;
  /** The key to send with a mutation; a fresh random UUID when absent. Queries never get one. */
  idempotencyKey?: string;
  /** The caller's signal: once it aborts, the call stops and rejects with its reason, unwrapped. */
  signal?: AbortSignal;
  /** The endpoint, named in connection error messages. */
  url?: string;
  /** How to wait between attempts; a timer unless a test replaces it. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Source of jitter in [0, 1), default `Math.random`. */
  random?: () => number;
}

/**
 * Builds the wrapper for one logical call. A mutation gets one `Idempotency-Key` that every
 * attempt reuses, so the gateway can tell a retry from a new call; queries get none. Failures
 * become {@link LeadgateError}s, and those {@link shouldRetry} allows are retried up to
 * `maxRetries` times with {@link retryDelayMs} between attempts.
 */
export function createRequestWrapper(policy: RequestPolicy): SdkFunctionWrapper {
  const sleep = policy.sleep ?? abortableSleep;
  const random = policy.random ?? Math.random;
  return async (action, operationName, operationType) => {
    const headers =
      operationType === 'mutation' ? { [IDEMPOTENCY_KEY_HEADER]: policy.idempotencyKey ?? globalThis.crypto.randomUUID() } : undefined;
    for (let retry = 0; ; retry++) {
      try {
        return await action(headers);
      } catch (thrown) {
        // The caller gave up: hand back their abort reason as it is, never retry it.
        if (policy.signal?.aborted) throw policy.signal.reason;
        const error = toLeadgateError(thrown, { operationName, url: policy.url });
        const repeatable = operationType !== 'mutation' || IDEMPOTENT_MUTATIONS.has(operationName);
        const delay =
          retry < policy.maxRetries && shouldRetry(error, repeatable)
            ? retryDelayMs(retry + 1, error, random, policy.maxRetryAfterMs)
            : undefined;
        if (delay === undefined) throw error;
        await sleep(delay, policy.signal);
      }
    }
  };
}

/**
 * Whether a failed attempt is worth repeating. `repeatable` (default true) says whether running
 * the operation twice is harmless; when it is not, only answers that prove the gateway did not
 * act (429, 503) are retried.
 */
export function shouldRetry(error: LeadgateError, repeatable = true): boolean {
  // The gateway asked us to slow down, or is not taking requests (starting, shutting down):
  // it did nothing with this one.
  if (error instanceof RateLimitError || error.status === 503) return true;
  if (!repeatable) return false;
  // No response: the request may never have arrived, or arrived and was done. Only repeatable
  // operations may find out by trying again (the gateway replays them by their idempotency key).
  if (error instanceof ConnectionError) return true;
  // Other 5xx: a crashed worker or a proxy in between; usually transient.
  if (error.status !== undefined && error.status >= 500) return true;
  // Anything else is an answer (auth, input, not found, a GraphQL error in a 200): repeating
  // the request would get the same one.
  return false;
}

/**
 * How long to wait before retry number `retry` (1 for the first), or `undefined` not to retry.
 * Exponential backoff from {@link INITIAL_RETRY_DELAY_MS} (500, 1000, 2000 ms, …) plus up to
 * half a step of jitter, so clients that failed together do not retry together, capped at
 * {@link MAX_RETRY_DELAY_MS}. A 429's `Retry-After` is waited out as given, up to
 * `maxRetryAfterMs` (default {@link DEFAULT_MAX_RETRY_AFTER_MS}); a longer one is not waited for:
 * the error goes to the caller, who can read `retryAfterMs`.
 */
export function retryDelayMs(
  retry: number,
  error: LeadgateError,
  random: () => number = Math.random,
  maxRetryAfterMs: number = DEFAULT_MAX_RETRY_AFTER_MS,
): number | undefined {
  if (error instanceof RateLimitError && error.retryAfterMs !== undefined) {
    return error.retryAfterMs <= maxRetryAfterMs ? error.retryAfterMs : undefined;
  }
  const step = INITIAL_RETRY_DELAY_MS * 2 ** (retry - 1);
  return Math.min(step * (1 + random() / 2), MAX_RETRY_DELAY_MS);
}

/**
 * Wraps `fetch` so each attempt is aborted after `timeoutMs` (the abort surfaces as a
 * `TimeoutError`, which {@link toLeadgateError} makes a {@link ConnectionError}). The caller's own
 * signal, if any, still aborts it too.
 */
export function fetchWithTimeout(fetchImpl: typeof fetch, timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetchImpl(input, { ...init, signal });
  };
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
