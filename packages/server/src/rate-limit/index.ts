export { RateLimitService, type RateLimitOptions, type RateLimitResult, type RateLimitLogger } from './rate-limit.service.js';
export { rateLimitHeaders, setRateLimitHeaders, rateLimitMessage, rateLimitExceeded, enforceRateLimit } from './http.js';
export { rateLimitPlugin } from './apollo-plugin.js';
export { MAX_REQUESTS_PER_MINUTE, DEFAULT_REQUESTS_PER_MINUTE, RATE_LIMIT_WINDOW_SECONDS } from './limits.js';
