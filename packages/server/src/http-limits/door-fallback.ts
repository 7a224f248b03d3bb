import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody as marketplaceError } from '../shims/marketplace/leads.mapper.js';
import { errorBody as omedaError, renderReply } from '../shims/omeda/omeda.mapper.js';
import { optaReply } from '../shims/opta/ca-submit.mapper.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** A door the router may miss: its paths, the method its routes take, and its error shape. */
interface Door {
  /** Every path under the door (`/ca/submit%00` is the door's, answered in its shape). */
  prefix: RegExp;
  /** The door's own route paths (a method other than `allow` there is a 405). */
  route: RegExp;
  allow: string;
  render(request: FastifyRequest, reply: FastifyReply, status: number, message: string): FastifyReply;
}

const json = (reply: FastifyReply, status: number, body: string) => reply.status(status).type(JSON_TYPE).send(body);

const DOORS: Door[] = [
  {
    prefix: /^\/ca\/submit/,
    route: /^\/ca\/submit\/?$/,
    allow: 'POST',
    render: (_q, reply, status, message) =>
      json(reply, status, optaReply({ leadStatus: false, reason: 'Bad request', message, priceCents: 0 })),
  },
  {
    prefix: /^\/webhook/,
    route: /^\/webhook\/[^/]+\/?$/,
    allow: 'POST',
    render: (_q, reply, status, message) => json(reply, status, JSON.stringify({ message })),
  },
  {
    prefix: /^\/api\/leads/,
    route: /^\/api\/leads\/?$/,
    allow: 'POST',
    render: (_q, reply, status, message) => json(reply, status, marketplaceError(message)),
  },
  {
    prefix: /^\/v1\/(?:leads|dnc)/,
    route: /^\/v1\/(?:leads\/insert|dnc\/(?:insert|delete|search))\/?$/,
    allow: 'POST',
    render: (_q, reply, status, message) => json(reply, status, JSON.stringify({ success: false, code: status, text: message })),
  },
  {
    prefix: /^\/webservices\/rest(?:\/|$)/,
    route: /^$/,
    allow: 'POST',
    render: (request, reply, status, message) => {
      const xml = /^\s*(?:application|text)\/xml/i.test(String(request.headers['content-type'] ?? ''));
      return reply
        .status(status)
        .type(`${xml ? 'application/xml' : 'application/json'}; charset=utf-8`)
        .send(renderReply(omedaError(randomUUID(), [message]), xml ? 'xml' : 'json'));
    },
  },
  {
    prefix: /^\/instructions/,
    route: /^\/instructions\/[^/]+(?:\/zips\.csv)?$/,
    allow: 'GET',
    render: (_q, reply, status, message) =>
      reply
        .status(status)
        .header('cache-control', 'no-store')
        .send({ error: message, code: status === 405 ? 'BAD_REQUEST' : 'NOT_FOUND' }),
  },
];

/**
 * Answers a request no route took (`status` 404), one the router refused (400), or one that
 * failed before reaching a route (its body unreadable), in the shape of the door whose path it
 * names: another method on a door's route is a 405 with `Allow`. Paths of no door get the
 * gateway's JSON error (`{"errors":[{message, extensions: {code}}]}`) with `code`.
 */
export function doorFallback(request: FastifyRequest, reply: FastifyReply, status: number, message: string, code?: string): FastifyReply {
  const path = (request.url ?? '/').split('?')[0]!.replace(/^\/{2,}/, '/');
  const door = DOORS.find((d) => d.prefix.test(path));
  if (!door) {
    return reply
      .status(status)
      .send({ errors: [{ message, extensions: { code: code ?? (status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST') } }] });
  }
  if (status === 404 && door.route.test(path) && request.method !== door.allow) {
    return door.render(
      request,
      reply.header('allow', door.allow),
      405,
      `The ${request.method} method is not allowed here; use ${door.allow}`,
    );
  }
  return door.render(request, reply, status, status === 404 ? `No route for ${request.method} ${path}` : message);
}
