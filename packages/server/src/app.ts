import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo from '@as-integrations/fastify';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import type { RequestContext } from './context.js';
import { isDatabaseReachable, type Orm } from './db.js';
import { createGraphQLErrorFormatter, replyWithError } from './errors/index.js';
import { loggerOptions } from './logging.js';
import type { GatewayModule } from './gateway-module.js';
import { buildGatewaySchema, createServices, MODULES, type Services } from './registry.js';
import { ignoreEmptyBodies } from './shims/empty-body.js';
import { rateLimitPlugin } from './rate-limit/apollo-plugin.js';
import { RateLimitService } from './rate-limit/rate-limit.service.js';
import { DEFAULT_REQUESTS_PER_MINUTE } from './rate-limit/limits.js';
import { DeliveryWorker } from './modules/delivery/index.js';
import { createFeedBus, serveGraphQLOverWebSocket } from './modules/live-feed/index.js';
import { pageRoutes } from './modules/pages/index.js';
import { idempotencyPlugin } from './idempotency/index.js';

/** Options for {@link createApp}. */
export interface AppOptions {
  orm: Orm;
  /** `redisUrl` and `rateLimitPerMinute` (default 60) configure the rate limiter the app makes. */
  config: Pick<Config, 'logLevel'> & Partial<Pick<Config, 'logFormat'>>
    & Partial<Pick<Config, 'redisUrl' | 'rateLimitPerMinute' | 'deliveryWorkers' | 'deliveryPollMs' | 'deliveryRetryBaseMs' | 'deliveryMaxAttempts'>>;
  /**
   * Services to use, default a fresh set from {@link createServices} with a rate limiter built from
   * `config`, which the app closes. Services passed in are their owner's to close.
   */
  services?: Services;
  /** The clock of the services the app makes, default `() => new Date()` (tests pass their own). */
  now?: () => Date;
  /** Overrides Fastify's logger options (tests pass a stream to read the log). */
  logger?: FastifyServerOptions['logger'];
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Builds the gateway: Fastify with Apollo at `/graphql`, `/healthz` and `/readyz`. The caller
 * owns the ORM and closes it after the app.
 */
export async function createApp(options: AppOptions): Promise<FastifyInstance> {
  const { orm } = options;
  const app = Fastify({
    logger: options.logger ?? loggerOptions(options.config),
    // genReqId reads X-Request-Id itself, so a malformed one is replaced instead of trusted.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // Path parameters hold emails (the opt-in lookup): up to 254 characters, percent-encoded.
    routerOptions: { maxParamLength: 1000 },
  });
  const ownRateLimit = options.services
    ? undefined
    : new RateLimitService({ defaultLimit: options.config.rateLimitPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE, redisUrl: options.config.redisUrl, log: app.log });
  const feedBus = options.services ? undefined : await createFeedBus(orm, { redisUrl: options.config.redisUrl, log: app.log });
  const services = options.services ?? createServices({ rateLimits: ownRateLimit, now: options.now, deliveryMaxAttempts: options.config.deliveryMaxAttempts, feedBus });
  if (feedBus) app.addHook('onClose', () => feedBus.close());
  if (ownRateLimit) {
    app.addHook('onClose', () => ownRateLimit.close());
    // Counting through Redis from the first request; a Redis that is down does not hold start-up.
    await ownRateLimit.waitUntilReady();
  }

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  ignoreEmptyBodies(app);
  // Once closing, answer in-flight requests with Connection: close, so keep-alive sockets do not
  // hold the shutdown open until their idle timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.setErrorHandler((error, request, reply) => replyWithError(error, request, reply));
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ errors: [{ message: `No route for ${request.method} ${request.url.split('?')[0]}`, extensions: { code: 'NOT_FOUND' } }] }),
  );

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const up = await isDatabaseReachable(orm);
    return reply.status(up ? 200 : 503).send({ status: up ? 'ok' : 'unavailable', database: up ? 'up' : 'down' });
  });

  const schema = await buildGatewaySchema(services);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError: createGraphQLErrorFormatter(app.log),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // Shutdown is ours (main.ts): Apollo's own signal handler would re-raise SIGTERM and kill the
    // process before in-flight requests finish.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), rateLimitPlugin(services.rateLimits), idempotencyPlugin()],
  });
  await apollo.start();
  await app.register(fastifyApollo(apollo), {
    context: async (request) => {
      const em = orm.em.fork();
      return {
        em,
        caller: await services.apiKeys.authenticate(em, request.headers.authorization),
        requestId: request.id,
        log: request.log,
        idempotencyKey: typeof request.headers['idempotency-key'] === 'string' ? request.headers['idempotency-key'] : undefined,
      };
    },
  });
  serveGraphQLOverWebSocket(app, { schema, services, orm, authenticate: services.apiKeys.authenticate.bind(services.apiKeys) });
  // Fastify's close stops accepting and waits for in-flight requests; Apollo stops after them.
  app.addHook('onClose', async () => {
    await apollo.stop();
  });
  // Each module's routes in their own scope: a door's body parsers and error shape stay its own.
  const routeContext = { orm, services, authenticate: services.apiKeys.authenticate.bind(services.apiKeys) };
  for (const module of MODULES as readonly GatewayModule<object, object>[]) {
    if (module.routes) await app.register(async (scope) => module.routes!(scope, routeContext));
  }
  // Not registered as a plugin: its hook must see Apollo's GET /graphql. The explorer follows
  // introspection (always on until it becomes a setting).
  await pageRoutes(app, { explorer: true });

  // Accepted leads leave through the outbox: sent from here once the gateway listens, and on
  // close the worker stops claiming and finishes what it is sending before the ORM closes.
  const workers = options.config.deliveryWorkers ?? 4;
  if (workers > 0) {
    const worker = new DeliveryWorker(orm, services.deliveryNotifier, {
      now: services.now, concurrency: workers, pollMs: options.config.deliveryPollMs, retryBaseMs: options.config.deliveryRetryBaseMs, log: app.log,
    });
    app.addHook('onReady', async () => worker.start());
    app.addHook('onClose', async () => worker.stop());
  }
  return app;
}
