import type { FastifyInstance } from 'fastify';
import type { IntakeService } from '../../modules/intake/index.js';
import { openDoor, type DoorContext } from '../door.js';
import { acceptFormBodies } from '../form-body.js';
import { errorBody, INVALID_KEY, marketplaceReplyOf, toMarketplacePost } from './leads.mapper.js';
import { marketplaceDocs } from './leads.schema.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** `POST /api/leads`: the lead marketplace door (Routio-compatible), over the intake service. */
export async function marketplaceRoutes(app: FastifyInstance, context: DoorContext & { intake: IntakeService }): Promise<void> {
  acceptFormBodies(app);
  app.removeContentTypeParser('text/plain');
  const door = openDoor(app, context, (reply, view) =>
    reply
      .status(view.status >= 500 ? 500 : 400)
      .type(JSON_TYPE)
      .send(errorBody(view.status >= 500 ? 'Internal error' : view.message)),
  );

  app.post('/api/leads', marketplaceDocs, async (request, reply) => {
    // The key first: a caller without one learns nothing about what else is wrong.
    const key = await door.key(request, reply, request.headers.authorization, 'marketplace');
    if (key.refused === 'INVALID_KEY') return reply.status(401).type(JSON_TYPE).send(errorBody(INVALID_KEY));
    if (key.refused === 'RATE_LIMITED') return reply.status(429).type(JSON_TYPE).send(errorBody('Rate limit exceeded'));
    const { seller, category, draft } = toMarketplacePost((request.query ?? {}) as Record<string, unknown>, request.body);
    const { status, body } = marketplaceReplyOf(
      await door.submit(request, draft, { kind: 'seller', caller: key.caller, seller, category }),
    );
    return reply.status(status).type(JSON_TYPE).send(body);
  });
}
