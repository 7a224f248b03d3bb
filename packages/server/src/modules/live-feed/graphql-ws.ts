import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { GraphQLError, Kind, parse, specifiedRules, validate, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { limitValidationRules, tokenLimitParseOptions, type GraphQLLimits } from '../../graphql-limits/index.js';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Caller } from '../../auth/caller.js';
import type { MikroORM as Orm } from '@mikro-orm/core';
import { createGraphQLErrorFormatter } from '../../errors/index.js';
import type { Authenticate } from '../../auth/caller.js';
import type { LiveFeed } from './live-feed.service.js';
import type { FeedContext } from './lead-feed.resolver.js';

/** Subscriptions one WebSocket may hold at once. */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 20;

/** WebSockets one API key may hold open on one gateway (a dashboard needs one per tab). */
export const MAX_SOCKETS_PER_KEY = 50;

/** The close code for a key over its socket limit. */
const CLOSE_TOO_MANY = 4429;

/** How often a connection's key is checked again, so a revoked key stops watching (default 5 s). */
export const KEY_RECHECK_MS = 5000;

/** The close code for a key that was revoked while connected (graphql-ws's Forbidden). */
const CLOSE_FORBIDDEN = 4403;

/** The largest message a client may send (a subscribe message with its query). */
const MAX_PAYLOAD_BYTES = 64 * 1024;

interface SocketState {
  caller?: Caller;
  active?: Set<string>;
}

/** The key a client presented: `authorization` (or `Authorization`) in connection_init's payload, else the upgrade's header. */
function presentedKey(params: Readonly<Record<string, unknown>> | undefined, header: string | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  if (typeof value === 'string' && value.trim() !== '') return value;
  return header;
}

/**
 * Serves GraphQL subscriptions over WebSocket at `/graphql` (the graphql-ws protocol, as Apollo
 * and GraphiQL clients speak it). Browsers cannot set headers on a WebSocket, so the key travels
 * in connection_init's payload. Only subscriptions run here: queries and mutations go over HTTP,
 * where their limits and rate budgets apply. Sockets are closed (1001) when the app closes.
 */
export function serveGraphQLOverWebSocket(
  app: FastifyInstance,
  options: {
    schema: GraphQLSchema;
    services: { liveFeed: LiveFeed };
    authenticate: Authenticate;
    orm: Orm;
    keyRecheckMs?: number;
    /** The request limits HTTP operations meet (tokens, depth, aliases, directives); subscriptions meet them too. */
    limits?: Pick<GraphQLLimits, 'maxTokens' | 'maxDepth' | 'maxAliases' | 'maxDirectives'>;
    /** The gateway's GraphQL error formatter, default one with field suggestions on. */
    formatError?: ReturnType<typeof createGraphQLErrorFormatter>;
  },
): void {
  const { schema, services, orm } = options;
  const wss = new WebSocketServer({ server: app.server, path: '/graphql', maxPayload: MAX_PAYLOAD_BYTES });
  const format = options.formatError ?? createGraphQLErrorFormatter(app.log);
  const formatAll = (errors: readonly GraphQLError[]) => errors.map((e) => format(e.toJSON(), e));
  const state = (extra: object) => extra as SocketState;
  const socketsPerKey = new Map<string, number>();

  useServer<Record<string, unknown> | undefined>(
    {
      schema,
      onConnect: async (ctx) => {
        const presented = presentedKey(ctx.connectionParams, ctx.extra.request.headers.authorization);
        const caller = await options.authenticate(orm.em.fork(), presented);
        state(ctx.extra).caller = caller;
        state(ctx.extra).active = new Set();
        if (caller.kind === 'key') {
          const open = socketsPerKey.get(caller.keyId) ?? 0;
          if (open >= MAX_SOCKETS_PER_KEY) {
            ctx.extra.socket.close(CLOSE_TOO_MANY, `Too many connections: at most ${MAX_SOCKETS_PER_KEY} per API key`);
            return false;
          }
          socketsPerKey.set(caller.keyId, open + 1);
          ctx.extra.socket.once('close', () => {
            const left = (socketsPerKey.get(caller.keyId) ?? 1) - 1;
            if (left > 0) socketsPerKey.set(caller.keyId, left);
            else socketsPerKey.delete(caller.keyId);
          });
          // A key revoked while its socket is open closes the socket (within the recheck interval).
          const timer = setInterval(() => {
            options.authenticate(orm.em.fork(), presented).then(
              (now) => {
                if (now.kind !== 'key') ctx.extra.socket.close(CLOSE_FORBIDDEN, 'Forbidden: the API key was revoked');
              },
              () => undefined,
            );
          }, options.keyRecheckMs ?? KEY_RECHECK_MS);
          timer.unref();
          ctx.extra.socket.once('close', () => clearInterval(timer));
        }
        return true;
      },
      onSubscribe: (ctx, id, payload) => {
        let document;
        try {
          document = parse(payload.query, options.limits ? tokenLimitParseOptions(options.limits.maxTokens) : undefined);
        } catch (error) {
          return [
            new GraphQLError(error instanceof GraphQLError ? error.message : 'Syntax error', {
              extensions: { code: 'GRAPHQL_PARSE_FAILED' },
            }),
          ];
        }
        if (options.limits) {
          const refused = validate(schema, document, [...specifiedRules, ...limitValidationRules(options.limits)]);
          if (refused.length)
            return refused.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        }
        const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
        const operation = payload.operationName ? operations.find((o) => o.name?.value === payload.operationName) : operations[0];
        if (operation && operation.operation !== 'subscription') {
          return [
            new GraphQLError('Only subscriptions are served over WebSocket: send queries and mutations to /graphql over HTTP', {
              extensions: { code: 'BAD_REQUEST' },
            }),
          ];
        }
        const active = state(ctx.extra).active!;
        if (active.size >= MAX_SUBSCRIPTIONS_PER_SOCKET) {
          return [
            new GraphQLError(`At most ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions per connection`, {
              extensions: { code: 'RATE_LIMITED' },
            }),
          ];
        }
        active.add(id);
        return undefined;
      },
      onComplete: (ctx, id) => {
        state(ctx.extra).active?.delete(id);
      },
      context: (ctx): FeedContext => {
        const requestId = randomUUID();
        return {
          em: orm.em.fork(),
          caller: state(ctx.extra).caller ?? { kind: 'anonymous' },
          requestId,
          log: app.log.child({ reqId: requestId }),
          liveFeed: services.liveFeed,
        };
      },
      onNext: (_ctx, _id, _payload, _args, result: ExecutionResult) =>
        result.errors ? { ...result, errors: formatAll(result.errors) } : undefined,
      onError: (_ctx, _id, _payload, errors) => formatAll(errors),
    },
    wss,
  );

  // Upgraded sockets keep the HTTP server open: close them when the gateway closes.
  app.addHook('preClose', async () => {
    for (const socket of wss.clients) socket.close(1001, 'Gateway shutting down');
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });
}
