import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MikroORM as Orm } from '@mikro-orm/core';
import { toHttpError } from '../../errors/to-http-error.js';
import { flattenParams, WebhookRequestError } from '../../modules/webhooks/webhook.mapper.js';
import type { WebhookService } from '../../modules/webhooks/webhook.service.js';
import { acceptFormBodies } from '../form-body.js';
import { decisionToOptaReply } from '../opta/ca-submit.mapper.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** The reply before a mapping exists, as the contract shows it. */
export const SAMPLE_REPLY = '{"message":"Test webhook received successfully."}';

const message = (reply: FastifyReply, status: number, text: string) => reply.status(status).type(JSON_TYPE).send(JSON.stringify({ message: text }));

/**
 * `POST /webhook/:id`: vendors post with their own parameter names, as JSON (nested objects are
 * flattened with dotted names), form fields, multipart fields or query parameters (the body wins).
 */
export async function webhookRoutes(app: FastifyInstance, options: { orm: Orm; webhooks: WebhookService }): Promise<void> {
  acceptFormBodies(app);
  // Multipart fields become the body; files are not accepted (a lead has none).
  await app.register(multipart, { attachFieldsToBody: 'keyValues', limits: { files: 0, fields: 200, fieldSize: 10_000 } });
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error, request, reply) => {
    const view = toHttpError(error, request);
    if (view.status >= 500) return message(reply, 500, 'Internal server error');
    return message(reply, 400, view.message);
  });

  app.post<{ Params: { id: string }; Querystring: Record<string, unknown> }>('/webhook/:id', async (request: FastifyRequest<{ Params: { id: string }; Querystring: Record<string, unknown> }>, reply) => {
    let params: Record<string, string>;
    try {
      params = flattenParams(request.query ?? {}, request.body);
    } catch (error) {
      if (error instanceof WebhookRequestError) return message(reply, 400, error.message);
      throw error;
    }
    const outcome = await options.webhooks.receive(options.orm.em.fork(), request.params.id, params, request.headers['content-type'] ?? '');
    if (outcome.kind === 'unknown') return message(reply, 404, 'Unknown webhook: check the URL in your posting instructions');
    if (outcome.kind === 'sample') return reply.status(200).type(JSON_TYPE).send(SAMPLE_REPLY);
    return reply.status(200).type(JSON_TYPE).send(decisionToOptaReply(outcome.decision));
  });
}
