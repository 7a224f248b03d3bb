import type { ServerOptions } from 'node:http';
import type { Config } from '../config.js';

/** What {@link serverTimeouts} sets of Fastify's options. */
export interface ServerTimeouts {
  requestTimeout: number;
  keepAliveTimeout: number;
  connectionTimeout: number;
  http: ServerOptions;
}

/**
 * Fastify's server options for slow clients. Node answers a request whose headers (or whole body)
 * did not arrive in time with 408 and closes the connection; it looks for such requests every
 * `connectionsCheckingInterval`, here a quarter of the headers timeout (at most a second), so the
 * bound is the timeout plus that.
 */
export function serverTimeouts(
  config: Pick<Config, 'requestTimeoutMs' | 'headersTimeoutMs' | 'keepAliveTimeoutMs' | 'connectionTimeoutMs'>,
): ServerTimeouts {
  return {
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    connectionTimeout: config.connectionTimeoutMs,
    http: {
      headersTimeout: config.headersTimeoutMs,
      connectionsCheckingInterval: Math.max(25, Math.min(1000, Math.floor(config.headersTimeoutMs / 4))),
    },
  };
}
