import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MikroORM as Orm } from '@mikro-orm/core';
import type { KeyCaller } from '../../auth/caller.js';
import { DIALER_CODES, type DncService } from '../../modules/dialer/index.js';
import type { DialerInsertService } from '../../modules/dialer-inserts/index.js';
import { rateLimitMessage } from '../../rate-limit/http.js';
import type { RateLimitService } from '../../rate-limit/index.js';
import { openDoor, type DoorContext } from '../door.js';
import { DialerRequestError, mergeParams } from './dialer-params.js';
import { dialerErrorOfView, fail } from './dialer-reply.js';
import { dncRoutes } from './dnc.route.js';
import { insertLeadRoute } from './insert-lead.route.js';
import { searchLeadsRoute } from './search-leads.route.js';

/** The services the dialer doors use. */
export interface DialerServices {
  rateLimits: RateLimitService;
  dialerInserts: DialerInsertService;
  dnc: DncService;
}

/** What the dialer routes share. */
export interface DialerDoor {
  orm: Orm;
  services: DialerServices;
  /** The request's parameters (query and body, flat), or a reply already sent. */
  params(request: FastifyRequest): Record<string, string>;
  /**
   * The API key named by `auth_token`, counted against its rate limit; null when a reply (5001
   * or 429) was sent instead.
   */
  authenticate(request: FastifyRequest, token: string | null, reply: FastifyReply): Promise<KeyCaller | null>;
  /** The request's Idempotency-Key header, when it sent one. */
  idempotencyKey(request: FastifyRequest): string | null;
}

/**
 * The dialer doors (Convoso-compatible): `/v1/leads/insert`, `/v1/leads/search` and
 * `/v1/dnc/{insert,delete,search}`, by GET or POST. Parameters come from the query string, form
 * fields or a flat JSON object, the body winning.
 */
export async function dialerRoutes(app: FastifyInstance, options: DoorContext & { services: DialerServices }): Promise<void> {
  const { services } = options;
  // Repeated form keys stay arrays here so they are refused as "multilevel arrays", not half-read.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) => {
    // No prototype: a field named __proto__ or constructor is a field like any other, refused later by name.
    const out: Record<string, string | string[]> = Object.create(null);
    for (const [name, value] of new URLSearchParams(body as string)) {
      const seen = out[name];
      out[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
    }
    done(null, out);
  });
  // An empty JSON body is a query-string-only call, which real callers make.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) => {
    const textBody = (body as string).trim();
    if (!textBody) return done(null, {});
    try {
      done(null, JSON.parse(textBody));
    } catch {
      done(new DialerRequestError({ code: DIALER_CODES.BAD_REQUEST.code, text: 'The body is not valid JSON' }), undefined);
    }
  });
  app.removeContentTypeParser('text/plain');
  const shared = openDoor(app, options, (reply, view, error) => {
    if (error instanceof DialerRequestError) return fail(reply, error.error);
    const { error: dialerError, status } = dialerErrorOfView(view);
    return fail(reply, dialerError, status);
  });

  const door: DialerDoor = {
    orm: options.orm,
    services,
    params: (request) => mergeParams(request.query, request.body),
    idempotencyKey: shared.idempotencyKey,
    async authenticate(request, token, reply) {
      const key = await shared.key(request, reply, token ? `Bearer ${token}` : undefined);
      if (key.refused === 'INVALID_KEY') fail(reply, DIALER_CODES.INVALID_TOKEN);
      else if (key.refused === 'RATE_LIMITED') fail(reply, { code: 429, text: rateLimitMessage(key.limit) }, 429);
      return key.caller ?? null;
    },
  };
  insertLeadRoute(app, door);
  searchLeadsRoute(app, door);
  dncRoutes(app, door);
}
