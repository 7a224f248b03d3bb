export {
  RateLimitService,
  type RateLimitBudget,
  type RateLimitOptions,
  type RateLimitResult,
  type RateLimitLogger,
} from './rate-limit.service.js';
export { rateLimitHeaders, setRateLimitHeaders, rateLimitMessage, rateLimitExceeded, enforceRateLimit } from './http.js';
export { spendRootFieldBudget } from './apollo-plugin.js';
export {
  MAX_REQUESTS_PER_MINUTE,
  DEFAULT_REQUESTS_PER_MINUTE,
  DEFAULT_MARKETPLACE_REQUESTS_PER_MINUTE,
  RATE_LIMIT_WINDOW_SECONDS,
} from './limits.js';
