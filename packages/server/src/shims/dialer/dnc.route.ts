import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestContext } from '../../context.js';
import { AppError } from '../../errors/app-error.js';
import type { DialerDoor } from './dialer.routes.js';
import { fail, methodNotAllowed, send } from './dialer-reply.js';
import { DNC_CODES, dncInsertedBody, dncSearchBody, toDncDelete, toDncInsert, toDncSearch } from './dnc.mapper.js';
import { text } from './dialer-params.js';
import { dncDocs } from './dialer.schema.js';

/**
 * `/v1/dnc/insert`, `/v1/dnc/delete` and `/v1/dnc/search` (GET or POST): the DNC lists over the
 * same service as GraphQL's addDncNumber, removeDncNumber and checkDnc.
 */
export function dncRoutes(app: FastifyInstance, door: DialerDoor): void {
  const context = async (request: FastifyRequest, reply: FastifyReply) => {
    const params = door.params(request);
    const em = door.orm.em.fork();
    const caller = await door.authenticate(request, text(params, 'auth_token'), reply);
    if (!caller) return null;
    const ctx: RequestContext = { em, caller, requestId: request.id, log: request.log };
    return { ctx, params };
  };
  // A campaign_id naming no dialer campaign of the account is the reference's "Invalid Campaign ID".
  const unknownCampaign = (error: unknown) => error instanceof AppError && error.code === 'NOT_FOUND';

  app.route({
    ...dncDocs.insert,
    method: ['GET', 'POST'],
    url: '/v1/dnc/insert',
    handler: async (request, reply) => {
      const c = await context(request, reply);
      if (!c) return reply;
      const call = toDncInsert(c.params);
      try {
        const { entry, created } = await door.services.dnc.add(c.ctx, call.target);
        return created ? send(reply, dncInsertedBody(entry)) : fail(reply, DNC_CODES.ALREADY_LISTED);
      } catch (error) {
        if (unknownCampaign(error)) return fail(reply, DNC_CODES.INVALID_CAMPAIGN);
        throw error;
      }
    },
  });
  app.route({
    ...dncDocs.delete,
    method: ['GET', 'POST'],
    url: '/v1/dnc/delete',
    handler: async (request, reply) => {
      const c = await context(request, reply);
      if (!c) return reply;
      const call = toDncDelete(c.params);
      try {
        const deleted = call.target !== null && (await door.services.dnc.remove(c.ctx, call.target));
        return deleted ? send(reply, '{"success":true}') : fail(reply, DNC_CODES.NOT_FOUND);
      } catch (error) {
        if (unknownCampaign(error)) return fail(reply, DNC_CODES.INVALID_CAMPAIGN);
        throw error;
      }
    },
  });
  app.route({
    ...dncDocs.search,
    method: ['GET', 'POST'],
    url: '/v1/dnc/search',
    handler: async (request, reply) => {
      const c = await context(request, reply);
      if (!c) return reply;
      const { search } = toDncSearch(c.params);
      try {
        return send(reply, dncSearchBody(search, await door.services.dnc.search(c.ctx, search)));
      } catch (error) {
        if (unknownCampaign(error)) return fail(reply, DNC_CODES.INVALID_CAMPAIGN);
        throw error;
      }
    },
  });
  for (const path of ['/v1/dnc/insert', '/v1/dnc/delete', '/v1/dnc/search']) methodNotAllowed(app, path);
}
