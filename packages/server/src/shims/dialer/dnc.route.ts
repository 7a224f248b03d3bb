import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestContext } from '../../context.js';
import type { DialerDoor } from './dialer.routes.js';
import { fail, methodNotAllowed, send } from './dialer-reply.js';
import { dncEntryJson, toDncCall } from './dnc.mapper.js';
import { text } from './dialer-params.js';

/**
 * `POST /v1/dnc/insert`, `/v1/dnc/delete` and `/v1/dnc/search`: the DNC lists over the same
 * service as GraphQL's addDncNumber, removeDncNumber and checkDnc.
 */
export function dncRoutes(app: FastifyInstance, door: DialerDoor): void {
  const context = async (request: FastifyRequest, reply: FastifyReply) => {
    const params = door.params(request);
    const em = door.orm.em.fork();
    const caller = await door.authenticate(em, text(params, 'auth_token'), reply);
    if (!caller) return null;
    const call = toDncCall(params);
    const ctx: RequestContext = { em, caller, requestId: request.id, log: request.log };
    return { ctx, call };
  };
  const json = (data: unknown) => JSON.stringify({ success: true, data });

  app.post('/v1/dnc/insert', async (request, reply) => {
    const c = await context(request, reply);
    if (!c) return reply;
    return send(reply, json(dncEntryJson(await door.services.dnc.add(c.ctx, c.call.target))));
  });
  app.post('/v1/dnc/delete', async (request, reply) => {
    const c = await context(request, reply);
    if (!c) return reply;
    const deleted = await door.services.dnc.remove(c.ctx, c.call.target);
    return deleted ? send(reply, json({ deleted: true })) : fail(reply, { code: 404, text: 'The phone number is not in the DNC list' });
  });
  app.post('/v1/dnc/search', async (request, reply) => {
    const c = await context(request, reply);
    if (!c) return reply;
    const check = await door.services.dnc.check(c.ctx, c.call.target);
    return send(reply, json({ listed: check.listed, entries: check.entries.map(dncEntryJson) }));
  });
  for (const path of ['/v1/dnc/insert', '/v1/dnc/delete', '/v1/dnc/search']) methodNotAllowed(app, path);
}
