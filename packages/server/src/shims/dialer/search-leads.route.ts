import type { FastifyInstance } from 'fastify';
import type { RequestContext } from '../../context.js';
import { searchDialerLeads } from '../../modules/dialer/index.js';
import type { DialerDoor } from './dialer.routes.js';
import { methodNotAllowed, send } from './dialer-reply.js';
import { text } from './dialer-params.js';
import { leadSearchBody, toLeadSearch } from './search-leads.mapper.js';
import { searchLeadsDocs } from './dialer.schema.js';

/** `/v1/leads/search` (GET or POST): the account's dialer leads, paged, in the reference's reply shape. */
export function searchLeadsRoute(app: FastifyInstance, door: DialerDoor): void {
  app.route({
    ...searchLeadsDocs,
    method: ['GET', 'POST'],
    url: '/v1/leads/search',
    handler: async (request, reply) => {
      const params = door.params(request);
      const em = door.orm.em.fork();
      const caller = await door.authenticate(request, text(params, 'auth_token'), reply);
      if (!caller) return reply;
      const { search } = toLeadSearch(params);
      const ctx: RequestContext = { em, caller, requestId: request.id, log: request.log };
      return send(reply, leadSearchBody(search, await searchDialerLeads(ctx, search)));
    },
  });
  methodNotAllowed(app, '/v1/leads/search');
}
