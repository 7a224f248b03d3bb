import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { flattenParams } from '../../modules/webhooks/webhook.mapper.js';
import type { WebhookService } from '../../modules/webhooks/webhook.service.js';
import { openDoor, type DoorContext } from '../door.js';
import { acceptFormBodies } from '../form-body.js';
import { decisionToOptaReply } from '../opta/ca-submit.mapper.js';
import { webhookDocs } from './webhook.schema.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** The reply before a mapping exists, as the contract shows it. */
export const SAMPLE_REPLY = '{"message":"Test webhook received successfully."}';

const message = (reply: FastifyReply, status: number, text: string) =>
  reply
    .status(status)
    .type(JSON_TYPE)
    .send(JSON.stringify({ message: text }));

/**
 * `POST /webhook/:id`: vendors post with their own parameter names, as JSON (nested objects are
 * flattened with dotted names), form fields, multipart fields or query parameters (the body wins).
 */
export async function webhookRoutes(app: FastifyInstance, options: DoorContext & { webhooks: WebhookService }): Promise<void> {
  acceptFormBodies(app);
  // Multipart fields become the body; files are not accepted (a lead has none).
  await app.register(multipart, { attachFieldsToBody: 'keyValues', limits: { files: 0, fields: 200, fieldSize: 10_000 } });
  app.removeContentTypeParser('text/plain');
  openDoor(app, options, (reply, view) =>
    view.status >= 500 ? message(reply, 500, 'Internal server error') : message(reply, 400, view.message),
  );

  app.post<{ Params: { id: string }; Querystring: Record<string, unknown> }>(
    '/webhook/:id',
    webhookDocs,
    async (request: FastifyRequest<{ Params: { id: string }; Querystring: Record<string, unknown> }>, reply) => {
      const params = flattenParams(request.query ?? {}, request.body);
      const outcome = await options.webhooks.receive(
        options.orm.em.fork(),
        request.params.id,
        params,
        request.headers['content-type'] ?? '',
      );
      if (outcome.kind === 'unknown') return message(reply, 404, 'Unknown webhook: check the URL in your posting instructions');
      if (outcome.kind === 'sample') return reply.status(200).type(JSON_TYPE).send(SAMPLE_REPLY);
      return reply.status(200).type(JSON_TYPE).send(decisionToOptaReply(outcome.decision));
    },
  );
}
