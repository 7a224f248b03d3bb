import type { FastifyInstance } from 'fastify';
import type { IntakeService } from '../../modules/intake/index.js';
import { openDoor, type DoorContext } from '../door.js';
import { acceptFormBodies } from '../form-body.js';
import { optaOutcomeReply, optaReply, toOptaSubmission } from './ca-submit.mapper.js';
import { caSubmitDocs } from './ca-submit.schema.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** `POST /ca/submit`: the Opta JSON API (also form-encoded), over the intake service. */
export async function optaRoutes(app: FastifyInstance, context: DoorContext & { intake: IntakeService }): Promise<void> {
  acceptFormBodies(app);
  // The contract takes JSON or form posts; anything else must be refused, not read as text.
  app.removeContentTypeParser('text/plain');
  // Every failure answers in Opta's shape: 400 for what the caller sent, 500 masked.
  const door = openDoor(app, context, (reply, view) =>
    view.status >= 500
      ? reply
          .status(500)
          .type(JSON_TYPE)
          .send(optaReply({ leadStatus: false, reason: 'Internal error', message: 'Internal server error', priceCents: 0 }))
      : reply
          .status(400)
          .type(JSON_TYPE)
          .send(optaReply({ leadStatus: false, reason: 'Bad request', message: view.message, priceCents: 0 })),
  );

  app.post('/ca/submit', caSubmitDocs, async (request, reply) => {
    const { draft, credentials } = toOptaSubmission(request.body);
    const outcome = await door.submit(request, draft, credentials);
    return reply.status(200).type(JSON_TYPE).send(optaOutcomeReply(outcome, draft.test));
  });
}
