/** Longest wait between two attempts: a day. */
export const MAX_RETRY_DELAY_MS = 24 * 3_600_000;

/**
 * The wait after failed attempt number `attempt` (1-based): `baseMs * 3^(attempt-1)`, with up to
 * 20% jitter either way so retries of many leads spread out, at most a day. With the default base
 * of one minute, 8 attempts span about 18 hours (1, 3, 9, 27, 81, 243, 729 minutes).
 */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const plain = Math.min(baseMs * 3 ** Math.max(attempt - 1, 0), MAX_RETRY_DELAY_MS);
  return Math.min(Math.round(plain * (0.8 + 0.4 * random())), MAX_RETRY_DELAY_MS);
}

/** A `Retry-After` value (seconds or an HTTP date) as milliseconds from `now`, or null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_DELAY_MS);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.min(Math.max(at - now.getTime(), 0), MAX_RETRY_DELAY_MS);
}
