export { repairUrl } from './url.js';
export { MalformedRequestError, requireMultipartBoundary } from './multipart.js';
export { serverTimeouts } from './timeouts.js';
export { doorFallback } from './door-fallback.js';
export { clientErrorHandler } from './client-error.js';
