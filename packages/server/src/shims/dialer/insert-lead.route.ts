import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DIALER_CODES } from '../../modules/dialer/index.js';
import type { DialerDoor } from './dialer.routes.js';
import { fail, methodNotAllowed, send } from './dialer-reply.js';
import { insertedBody, toDialerInsertCall } from './insert-lead.mapper.js';
import { text } from './dialer-params.js';
import { insertLeadDocs } from './dialer.schema.js';

/**
 * `POST /v1/leads/insert` (GET too, as clients built against the live service send it): inserts
 * (or, with update_if_found, updates) a lead in a dialer list.
 */
export function insertLeadRoute(app: FastifyInstance, door: DialerDoor): void {
  app.route({
    ...insertLeadDocs,
    method: ['GET', 'POST'],
    url: '/v1/leads/insert',
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const params = door.params(request);
      const em = door.orm.em.fork();
      // The token first: a caller without one learns nothing about what else is wrong.
      const caller = await door.authenticate(request, text(params, 'auth_token'), reply);
      if (!caller) return reply;
      const call = toDialerInsertCall(params);
      if (!call.complete) return fail(reply, DIALER_CODES.PHONE_AND_LIST_REQUIRED);
      const result = await door.services.dialerInserts.insert(em, call.request, caller, { idempotencyKey: door.idempotencyKey(request) });
      if (!result.success) return fail(reply, { code: result.code!, text: result.text });
      return send(reply, insertedBody(result.dialerLeadId!));
    },
  });
  methodNotAllowed(app, '/v1/leads/insert');
}
