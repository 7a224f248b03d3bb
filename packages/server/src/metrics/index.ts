export { GatewayMetrics, type MetricsOptions } from './metrics.js';
export { registerMetrics, type MetricsRouteOptions } from './metrics.routes.js';
export { doorOf } from './door-of.js';
