import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { doorOf } from './door-of.js';
import { GatewayMetrics, type MetricsOptions } from './metrics.js';
import { metricsDocs } from '../openapi/index.js';

/** Options for {@link registerMetrics}. */
export interface MetricsRouteOptions extends MetricsOptions {
  /** `METRICS_TOKEN`: when set, GET /metrics needs `Authorization: Bearer <token>`; default open. */
  token?: string;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Counts every request the gateway answers and serves GET /metrics (Prometheus text format).
 * Call it before any route is added, so its hook sees them all.
 */
export function registerMetrics(app: FastifyInstance, options: MetricsRouteOptions): GatewayMetrics {
  const metrics = new GatewayMetrics(options);
  app.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(doorOf(request.routeOptions.url), request.method, reply.statusCode, reply.elapsedTime / 1000);
  });
  app.addHook('onClose', async () => metrics.close());
  app.get('/metrics', metricsDocs, async (request, reply) => {
    if (options.token !== undefined) {
      const header = request.headers.authorization ?? '';
      const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
      if (!sameSecret(given, options.token)) {
        return reply
          .status(401)
          .header('www-authenticate', 'Bearer realm="metrics"')
          .send({ error: 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>' });
      }
    }
    return reply
      .type(metrics.registry.contentType)
      .header('cache-control', 'no-store')
      .send(await metrics.scrape());
  });
  return metrics;
}
