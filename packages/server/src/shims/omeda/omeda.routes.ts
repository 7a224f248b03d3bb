import { rateLimitMessage } from '../../rate-limit/http.js';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { redactUrl } from '../../logging.js';
import { findSeller } from '../../modules/accounts/find-seller.js';
import { Brand, OptInDoor, OptInOutcome, OptInQueue, optInMessages as msg, type OptInAppId } from '../../modules/optins/index.js';
import { openDoor, type DoorContext } from '../door.js';
import { declaredContentType } from '../empty-body.js';
import type { OptInAppIdService, OptInService } from '../../modules/optins/index.js';
import type { RateLimitService } from '../../rate-limit/index.js';
import {
  errorBody,
  lookupBody,
  OmedaBodyError,
  optInSuccessBody,
  optOutSuccessBody,
  parseOmedaBody,
  renderReply,
  toOptInRequest,
  type OmedaFormat,
} from './omeda.mapper.js';
import { omedaDocs } from './omeda.schema.js';

/** The door's own messages (ours: Omeda documents the statuses, not these bodies). */
export const OMEDA_DOOR_MESSAGES = {
  missingAppId: 'The x-omeda-appid header is required.',
  invalidAppId: 'The x-omeda-appid submitted is not valid for this client.',
  notFound: 'There is no resource at this address.',
  controlCharacters: 'The brand and email address in the path must not contain control characters.',
  internal: 'The request could not be processed because of an internal error.',
  methodNotAllowed: (method: string, allowed: string) => `The ${method} method is not allowed for this resource; use ${allowed}.`,
  unsupportedType: (type: string) => `The content type ${type} is not supported: send application/json, application/xml or text/xml.`,
  brandNotFound: (brand: string) => `Brand ${brand} was not found.`,
  brandNotAuthorized: (brand: string) => `The AppId submitted is not authorized for brand ${brand}.`,
  nothingFound: (email: string, brand: string) => `No filters were found for email address ${email} in brand ${brand}.`,
} as const;

const QUEUES: Array<[OptInQueue, string]> = [
  [OptInQueue.OPT_IN, 'optinfilterqueue'],
  [OptInQueue.OPT_OUT, 'optoutfilterqueue'],
];
const QUEUE_OTHER_METHODS: HTTPMethods[] = ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
const LOOKUP_OTHER_METHODS: HTTPMethods[] = ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
const XML_TYPES = new Set(['application/xml', 'text/xml']);
const BODY_LIMIT = 1024 * 1024;
const LOOKUP_EMAIL = /^(\/webservices\/rest\/brand\/[^/?]+\/filter\/email\/)[^/?]*/;

/** The lookup's request log line: its path carries an email, which must not reach the log. */
const lookupLogSerializers = {
  req: (req: { method: string; url: string }) => ({ method: req.method, url: redactUrl(req.url.replace(LOOKUP_EMAIL, '$1*')) }),
};

/** The services the opt-in doors use. */
export interface OmedaServices {
  now: () => Date;
  rateLimits: RateLimitService;
  optIns: OptInService;
  optInAppIds: OptInAppIdService;
}

/** What a route of this door is. */
interface DoorRoute {
  /** The queue it posts to; absent for the lookup. */
  queue?: OptInQueue;
  /** The method it answers; every other one is 405. */
  allowed: 'POST' | 'GET';
  /** True for the routes that only answer 405. */
  refuses?: boolean;
}

/** The request's body as read: its text and format, or a content type the door does not take. */
type RawBody = { format: OmedaFormat; text: string } | { unsupported: string };

/** What the door knows of a request once its app id is proven. */
interface DoorState {
  submissionId: string;
  route: DoorRoute;
  em?: EntityManager;
  appId?: OptInAppId;
}

/** The reply format: XML when the request's content type is XML (the lookup's GET too), else JSON. */
function formatOf(request: FastifyRequest): { format: OmedaFormat; type: string } {
  const mediaType = (declaredContentType(request) ?? '').split(';')[0]!.trim().toLowerCase();
  return XML_TYPES.has(mediaType) ? { format: 'xml', type: mediaType } : { format: 'json', type: 'application/json' };
}

/**
 * The Omeda-compatible doors: `POST /webservices/rest/client/{client}/optinfilterqueue/*` and
 * `.../optoutfilterqueue/*` (with or without the literal `/*`), and the lookup `GET
 * /webservices/rest/brand/{brand}/filter/email/{email}/*`, over the opt-in service. The
 * `x-omeda-appid` header is checked before the body is read; every reply is in Omeda's shape.
 */
export async function omedaRoutes(app: FastifyInstance, options: DoorContext & { services: OmedaServices }): Promise<void> {
  const { services } = options;
  const states = new WeakMap<FastifyRequest, DoorState>();

  const send = (request: FastifyRequest, reply: FastifyReply, status: number, body: Record<string, unknown>) => {
    const { format, type } = formatOf(request);
    return reply.status(status).type(`${type}; charset=utf-8`).send(renderReply(body, format));
  };
  /** A refusal: the errors, then (on the queues) Omeda's summary line. */
  const refuse = (request: FastifyRequest, reply: FastifyReply, status: number, errors: string[], summary = true) => {
    const state = states.get(request);
    const queue = state?.route.queue;
    const all = summary && queue ? [...errors, msg.summaryError(queue)] : errors;
    return send(request, reply, status, errorBody(state?.submissionId ?? randomUUID(), all));
  };

  // Bodies are kept as text and read in the handler, after the app id is proven, so that a
  // stranger's malformed body is a 403 and the 405 routes never parse anything.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json'], { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) =>
    done(null, { format: 'json', text: body as string } satisfies RawBody),
  );
  app.addContentTypeParser([...XML_TYPES], { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) =>
    done(null, { format: 'xml', text: body as string } satisfies RawBody),
  );
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (request, body, done) => {
    const type = request.headers['content-type'];
    done(null, (type ? { unsupported: type } : { format: 'json', text: body as string }) satisfies RawBody);
  });

  openDoor(app, options, (reply, view, error, request) => {
    if (error instanceof OmedaBodyError) return refuse(request, reply, 400, [error.message]);
    if (view.status >= 500) return refuse(request, reply, 500, [OMEDA_DOOR_MESSAGES.internal], false);
    const message =
      view.code === 'BAD_USER_INPUT' && (error as { code?: string }).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? OMEDA_DOOR_MESSAGES.unsupportedType(String(request.headers['content-type'] ?? ''))
        : view.message;
    return refuse(request, reply, view.status === 403 || view.status === 404 ? view.status : 400, [message]);
  });

  /** The routes' onRequest hook: the path's suffix, then the app id (and, on the queues, its client). */
  const admit = (route: DoorRoute) => async (request: FastifyRequest, reply: FastifyReply) => {
    const state: DoorState = { submissionId: randomUUID(), route };
    states.set(request, state);
    if (route.refuses) return;
    const suffix = (request.params as { '*'?: string })['*'];
    if (suffix !== undefined && suffix !== '' && suffix !== '*') return refuse(request, reply, 404, [OMEDA_DOOR_MESSAGES.notFound]);
    const presented = request.headers['x-omeda-appid'];
    if (typeof presented !== 'string' || !presented.trim()) return refuse(request, reply, 403, [OMEDA_DOOR_MESSAGES.missingAppId]);
    const em = options.orm.em.fork();
    const appId = await services.optInAppIds.authenticate(em, presented);
    if (!appId) return refuse(request, reply, 403, [OMEDA_DOOR_MESSAGES.invalidAppId]);
    // Each app id has the default per-key budget (RATE_LIMIT_PER_MINUTE), as API keys do.
    const limit = await services.rateLimits.enforce({ keyId: `optin-app:${appId.id}`, rateLimitPerMinute: null }, reply);
    if (!limit.allowed) return refuse(request, reply, 429, [rateLimitMessage(limit)]);
    if (route.queue) {
      // The path names the client: the account's slug (or its code, or a slug renamed within 30 days).
      const account = await findSeller(em, (request.params as { client: string }).client, services.now());
      if (!account || account.id !== appId.account.id) return refuse(request, reply, 403, [OMEDA_DOOR_MESSAGES.invalidAppId]);
    }
    state.em = em;
    state.appId = appId;
    return undefined;
  };

  const methodNotAllowed = async (request: FastifyRequest, reply: FastifyReply) => {
    const { allowed } = states.get(request)!.route;
    reply.header('allow', allowed);
    return refuse(request, reply, 405, [OMEDA_DOOR_MESSAGES.methodNotAllowed(request.method, allowed)]);
  };

  for (const [queue, path] of QUEUES) {
    for (const url of [`/webservices/rest/client/:client/${path}`, `/webservices/rest/client/:client/${path}/*`]) {
      app.route({
        ...(queue === OptInQueue.OPT_IN ? omedaDocs.optIn : omedaDocs.optOut),
        method: 'POST',
        url,
        onRequest: admit({ queue, allowed: 'POST' }),
        handler: (request, reply) => submit(request, reply, queue),
      });
      app.route({
        method: QUEUE_OTHER_METHODS,
        url,
        onRequest: admit({ queue, allowed: 'POST', refuses: true }),
        handler: methodNotAllowed,
      });
    }
  }
  for (const url of ['/webservices/rest/brand/:brand/filter/email/:email', '/webservices/rest/brand/:brand/filter/email/:email/*']) {
    app.route({
      ...omedaDocs.lookup,
      method: 'GET',
      url,
      logSerializers: lookupLogSerializers,
      onRequest: admit({ allowed: 'GET' }),
      handler: lookup,
    });
    app.route({
      method: LOOKUP_OTHER_METHODS,
      url,
      logSerializers: lookupLogSerializers,
      onRequest: admit({ allowed: 'GET', refuses: true }),
      handler: methodNotAllowed,
    });
  }

  async function submit(request: FastifyRequest, reply: FastifyReply, queue: OptInQueue) {
    const state = states.get(request)!;
    const { em, appId } = state as Required<DoorState>;
    const raw = request.body as RawBody | undefined;
    if (raw && 'unsupported' in raw) return refuse(request, reply, 400, [OMEDA_DOOR_MESSAGES.unsupportedType(raw.unsupported)]);
    const body = parseOmedaBody(raw?.text ?? '', raw?.format ?? 'json');
    const result = await services.optIns.submit(
      em,
      {
        accountId: appId.account.id,
        brandIds: new Set(appId.brands.getItems().map((b) => b.id)),
        door: OptInDoor.OMEDA,
        appIdId: appId.id,
      },
      toOptInRequest(queue, body),
      state.submissionId,
    );
    if (result.outcome === OptInOutcome.REJECTED) return refuse(request, reply, 400, result.errors);
    return send(
      request,
      reply,
      200,
      queue === OptInQueue.OPT_IN ? optInSuccessBody(result.submissionId, result.messages) : optOutSuccessBody(result.submissionId),
    );
  }

  async function lookup(request: FastifyRequest, reply: FastifyReply) {
    const state = states.get(request)!;
    const { em, appId } = state as Required<DoorState>;
    const { brand: named, email } = request.params as { brand: string; email: string };
    if (/[\u0000-\u001F\u007F]/.test(named + email)) return refuse(request, reply, 400, [OMEDA_DOOR_MESSAGES.controlCharacters]);
    const abbreviation = named.trim().toUpperCase();
    const brand = await em.findOne(Brand, { account: appId.account.id, abbreviation });
    if (!brand) return refuse(request, reply, 404, [OMEDA_DOOR_MESSAGES.brandNotFound(named)]);
    if (!appId.brands.getItems().some((b) => b.id === brand.id))
      return refuse(request, reply, 403, [OMEDA_DOOR_MESSAGES.brandNotAuthorized(named)]);
    const statuses = await services.optIns.lookup(em, brand, email);
    if (statuses.length === 0) return refuse(request, reply, 404, [OMEDA_DOOR_MESSAGES.nothingFound(email, named)]);
    return send(
      request,
      reply,
      200,
      lookupBody(
        state.submissionId,
        email,
        statuses.map((s) => ({
          source: s.source,
          typeId: s.typeId,
          status: s.status,
          brand: brand.abbreviation,
          createdAt: s.createdAt,
          changedAt: s.changedAt,
        })),
        await services.optIns.lookupTimeZone(em, appId.account.id),
      ),
    );
  }
}
