import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ANONYMOUS } from '../../auth/caller.js';
import type { MikroORM as Orm } from '@mikro-orm/core';
import { AppError } from '../../errors/app-error.js';
import { toHttpError } from '../../errors/to-http-error.js';
import { LeadDecision } from '../../modules/leads/lead-decision.js';
import { LeadStatus } from '../../modules/leads/lead-enums.js';
import { ReasonCode, reasonMessage } from '../../modules/leads/reason-code.js';
import type { IntakeService } from '../../modules/intake/intake.service.js';
import { acceptFormBodies } from '../form-body.js';
import { decisionToOptaReply, optaReply, OptaRequestError, toOptaSubmission } from './ca-submit.mapper.js';

const JSON_TYPE = 'application/json; charset=utf-8';

function refused(reply: FastifyReply, status: number, reason: string, message: string) {
  return reply.status(status).type(JSON_TYPE).send(optaReply({ leadStatus: false, reason, message, priceCents: 0 }));
}

const rejectWith = (code: ReasonCode, test: boolean) =>
  LeadDecision.of({ status: LeadStatus.REJECTED, reasonCode: code, message: reasonMessage(code), priceCents: 0, leadId: null, isTest: test });

/** `POST /ca/submit`: the Opta JSON API (also form-encoded), over the intake service. */
export async function optaRoutes(app: FastifyInstance, options: { orm: Orm; intake: IntakeService }): Promise<void> {
  acceptFormBodies(app);
  // The contract takes JSON or form posts; anything else must be refused, not read as text.
  app.removeContentTypeParser('text/plain');
  // Every failure in this door answers in Opta's shape: 400 for what the caller sent, 500 masked.
  app.setErrorHandler((error, request, reply) => {
    const view = toHttpError(error, request);
    if (view.status >= 500) return refused(reply, 500, 'Internal error', 'Internal server error');
    return refused(reply, 400, 'Bad request', view.message);
  });

  app.post('/ca/submit', async (request: FastifyRequest, reply: FastifyReply) => {
    let submission;
    try {
      submission = toOptaSubmission(request.body);
    } catch (error) {
      if (error instanceof OptaRequestError) return refused(reply, 400, 'Bad request', error.message);
      throw error;
    }
    const { compid, draft } = submission;
    const idempotencyKey = request.headers['idempotency-key'];
    let decision: LeadDecision;
    try {
      if (!draft.sourceAuth) decision = rejectWith(draft.sourceId && draft.campaignId ? ReasonCode.INVALID_AUTH : ReasonCode.INVALID_SOURCE, draft.test);
      else if (!draft.sourceId || !draft.campaignId || !compid) decision = rejectWith(ReasonCode.INVALID_SOURCE, draft.test);
      else {
        decision = await options.intake.submit(options.orm.em.fork(), { ...draft, accountRef: compid }, ANONYMOUS, {
          idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : null,
        });
      }
    } catch (error) {
      // An unknown campaign, or one of another company, is a source not approved for it.
      if (error instanceof AppError && error.code === 'NOT_FOUND') decision = rejectWith(ReasonCode.INVALID_SOURCE, draft.test);
      else if (error instanceof AppError && error.code === 'UNAUTHENTICATED') decision = rejectWith(ReasonCode.INVALID_AUTH, draft.test);
      else throw error;
    }
    return reply.status(200).type(JSON_TYPE).send(decisionToOptaReply(decision));
  });
}
