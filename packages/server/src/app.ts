import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo from '@as-integrations/fastify';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { requireCallerForRootFields } from './auth/root-field-access.js';
import { loadConfig, type Config } from './config.js';
import type { RequestContext } from './context.js';
import { isDatabaseReachable, type Orm } from './db.js';
import { createGraphQLErrorFormatter, toHttpError } from './errors/index.js';
import {
  cachedCostCheck,
  deadlinePlugin,
  graphqlLimitsOf,
  limitValidationRules,
  queryRootFieldsTakeTurns,
  responseSizeCap,
  tokenLimitParseOptions,
} from './graphql-limits/index.js';
import { operationGatePlugin } from './graphql-limits/operation-gate.plugin.js';
import { clientErrorHandler, doorFallback, repairUrl, requireMultipartBoundary, serverTimeouts } from './http-limits/index.js';
import { loggerOptions } from './logging.js';
import type { GatewayModule } from './gateway-module.js';
import { buildGatewaySchema, createServices, MODULES, type Services } from './registry.js';
import { ignoreEmptyBodies } from './shims/empty-body.js';
import { spendRootFieldBudget } from './rate-limit/apollo-plugin.js';
import { RateLimitService } from './rate-limit/rate-limit.service.js';
import { DeliveryWorker } from './modules/delivery/index.js';
import { createFeedBus, serveGraphQLOverWebSocket } from './modules/live-feed/index.js';
import { pageRoutes } from './modules/pages/index.js';
import { idempotencyPlugin } from './idempotency/index.js';
import { registerMetrics } from './metrics/index.js';
import { healthDocs, readyDocs, registerOpenApi } from './openapi/index.js';

/** Options for {@link createApp}. */
export interface AppOptions {
  orm: Orm;
  /**
   * The settings the app reads (limits, timeouts, rate limits, delivery); each one left out takes
   * its default from {@link loadConfig} (NODE_ENV from the process).
   */
  config: Pick<Config, 'logLevel'> & Partial<Omit<Config, 'logLevel'>>;
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
  const config: Config = { ...loadConfig({ NODE_ENV: process.env.NODE_ENV }), ...withoutUndefined(options.config) };
  const limits = graphqlLimitsOf(config);
  const app = Fastify({
    logger: options.logger ?? loggerOptions(config),
    // genReqId reads X-Request-Id itself, so a malformed one is replaced instead of trusted.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // `//ca/submit` is the door; a path with a malformed escape still reaches its door, which
    // answers it in its own shape.
    rewriteUrl: (req) => repairUrl(req.url ?? '/'),
    routerOptions: {
      // As long as a request line can be (Node's 16 KiB of headers): an over-long id is an unknown
      // one, answered by its door, not a 414 in Fastify's shape.
      maxParamLength: 16 * 1024,
    },
    // What the router still refuses before any door is found answers in the door's shape.
    frameworkErrors: (error, request, reply) => doorFallback(request, reply, 400, error.message),
    // What Node cannot read as a request (late, too large headers) in the gateway's JSON shape.
    clientErrorHandler,
    ...serverTimeouts(config),
  });
  const ownRateLimit = options.services
    ? undefined
    : new RateLimitService({
        defaultLimit: config.rateLimitPerMinute,
        marketplaceLimit: config.marketplaceRateLimitPerMinute,
        redisUrl: config.redisUrl,
        log: app.log,
      });
  const feedBus = options.services ? undefined : await createFeedBus(orm, { redisUrl: config.redisUrl, log: app.log });
  const services =
    options.services ??
    createServices({ rateLimits: ownRateLimit, now: options.now, deliveryMaxAttempts: config.deliveryMaxAttempts, feedBus });
  if (feedBus) app.addHook('onClose', () => feedBus.close());
  // First, so their hooks see every route added after them.
  await registerOpenApi(app, { checkResponses: process.env.LEADGATE_CHECK_RESPONSES === '1' });
  const metrics = registerMetrics(app, { orm, leadEvents: services.leadEvents, now: services.now, token: config.metricsToken });
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
  app.addHook('preValidation', requireMultipartBoundary);
  // The doors have handlers of their own; what reaches this one failed on the gateway's own
  // routes or before any route was found (an unreadable body on a path no route takes).
  app.setErrorHandler((error, request, reply) => {
    const view = toHttpError(error, request);
    return doorFallback(request, reply, view.status, view.message, view.code);
  });
  // A door's path with another method, or a path under a door's prefix that no route has, is
  // answered in that door's shape (405 or 404); anything else in the gateway's own.
  app.setNotFoundHandler((request, reply) =>
    doorFallback(request, reply, 404, `No route for ${request.method} ${request.url.split('?')[0]}`),
  );

  app.get('/healthz', healthDocs, async () => ({ status: 'ok' }));
  app.get('/readyz', readyDocs, async (_request, reply) => {
    const up = await isDatabaseReachable(orm);
    return reply.status(up ? 200 : 503).send({ status: up ? 'ok' : 'unavailable', database: up ? 'up' : 'down' });
  });

  // Each root field of a query starts in a turn of its own, checking the deadline first.
  const schema = queryRootFieldsTakeTurns(await buildGatewaySchema(services));
  // One formatter for HTTP and WebSocket operations alike (suggestions follow the same setting).
  const formatError = createGraphQLErrorFormatter(app.log, { fieldSuggestions: config.graphqlFieldSuggestions });
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: config.graphqlIntrospection,
    // Counted while parsing: a huge document is refused after maxTokens tokens, before validation.
    parseOptions: tokenLimitParseOptions(limits.maxTokens),
    validationRules: limitValidationRules(limits),
    allowBatchedHttpRequests: false,
    // Shutdown is ours (main.ts): Apollo's own signal handler would re-raise SIGTERM and kill the
    // process before in-flight requests finish.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      operationGatePlugin([
        // First who is asking: a caller without a key learns nothing, not even an operation's cost.
        (operation, { caller }) => requireCallerForRootFields(operation, caller),
        // Then the cost, which needs the variables (page sizes): a refused operation spends no budget.
        cachedCostCheck(limits.maxCost),
        // Last the budget, spent only by an operation that will run: one unit per root field.
        spendRootFieldBudget(services.rateLimits),
      ]),
      deadlinePlugin(limits.deadlineMs),
      idempotencyPlugin(),
    ],
  });
  await apollo.start();
  const capResponse = responseSizeCap(limits.maxResponseBytes);
  app.addHook('onSend', async (request, reply, payload) =>
    request.routeOptions.url === '/graphql' ? capResponse(request, reply, payload) : payload,
  );
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
  serveGraphQLOverWebSocket(app, {
    schema,
    services,
    orm,
    limits,
    formatError,
    authenticate: services.apiKeys.authenticate.bind(services.apiKeys),
  });
  // The lead store's connection (SQLite) is released once every lead it holds is committed.
  if (!options.services) app.addHook('onClose', async () => services.intake.close());
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
  // introspection (GRAPHQL_INTROSPECTION).
  await pageRoutes(app, { explorer: config.graphqlIntrospection });

  // Accepted leads leave through the outbox: sent from here once the gateway listens, and on
  // close the worker stops claiming and finishes what it is sending before the ORM closes.
  const workers = config.deliveryWorkers;
  if (workers > 0) {
    const worker = new DeliveryWorker(orm, services.deliveryNotifier, {
      now: services.now,
      concurrency: workers,
      pollMs: config.deliveryPollMs,
      retryBaseMs: config.deliveryRetryBaseMs,
      log: app.log,
      onAttempt: (outcome, durationMs) => metrics.observeAttempt(outcome, durationMs),
    });
    app.addHook('onReady', async () => worker.start());
    app.addHook('onClose', async () => worker.stop());
  }
  return app;
}

/** `value` without its undefined entries, so they do not hide defaults when spread. */
function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
