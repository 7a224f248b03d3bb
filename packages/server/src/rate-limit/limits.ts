/** The highest requests-per-minute limit an API key (or the gateway default) may have. */
export const MAX_REQUESTS_PER_MINUTE = 100_000;

/** The default `api` budget per minute of an API key without its own limit (RATE_LIMIT_PER_MINUTE). */
export const DEFAULT_REQUESTS_PER_MINUTE = 6000;

/** The default `marketplace` budget per minute (MARKETPLACE_RATE_LIMIT_PER_MINUTE): the door's contract. */
export const DEFAULT_MARKETPLACE_REQUESTS_PER_MINUTE = 60;

/** The fixed window every API key's budget is counted over, in seconds. */
export const RATE_LIMIT_WINDOW_SECONDS = 60;
