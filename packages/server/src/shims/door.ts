import type { MikroORM } from '@mikro-orm/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticate, KeyCaller } from '../auth/caller.js';
import { toHttpError, type HttpErrorView } from '../errors/index.js';
import { IntakeRefusal, type Credentials, type IntakeService, type LeadDraft, type SubmitOptions } from '../modules/intake/index.js';
import type { LeadDecision } from '../modules/leads/index.js';
import type { RateLimitBudget, RateLimitResult, RateLimitService } from '../rate-limit/index.js';

/** What every door is opened with. */
export interface DoorContext {
  orm: MikroORM;
  authenticate: Authenticate;
  rateLimits: RateLimitService;
}

/** How a door answers an error in its own shape: what the request got wrong (4xx, with a safe message), or 500 masked. */
export type DoorErrorRenderer = (reply: FastifyReply, view: HttpErrorView, error: unknown, request: FastifyRequest) => FastifyReply;

/** A submission's outcome as a door renders it: the intake's decision, or its refusal to judge the lead. */
export type DoorOutcome = { decision: LeadDecision; refusal?: never } | { refusal: IntakeRefusal; decision?: never };

/** An API key's outcome at a door: the caller, or why the request is refused (the door answers in its shape). */
export type KeyOutcome =
  | { caller: KeyCaller; refused?: never }
  | { refused: 'INVALID_KEY'; caller?: never }
  | { refused: 'RATE_LIMITED'; limit: RateLimitResult; caller?: never };

/** What a door's handlers share: key authentication with its budget, the idempotency header, and the intake. */
export interface Door {
  /**
   * The API key of an `Authorization` value (`Bearer <key>`), counted against its `budget`
   * (default `api`; the X-RateLimit headers are set on `reply`).
   */
  key(request: FastifyRequest, reply: FastifyReply, authorization: string | undefined, budget?: RateLimitBudget): Promise<KeyOutcome>;
  /** Submits a lead through the intake with the request's Idempotency-Key; a refusal is an outcome, not an error. */
  submit(
    request: FastifyRequest,
    draft: LeadDraft,
    credentials: Credentials,
    options?: Omit<SubmitOptions, 'idempotencyKey'>,
  ): Promise<DoorOutcome>;
  /** The request's Idempotency-Key header, when it sent one. */
  idempotencyKey(request: FastifyRequest): string | null;
}

/**
 * Opens a door in its route scope: every error there is answered by `renderError` in the door's
 * own shape (what the caller sent wrong as a 4xx with its message, anything else as a masked
 * 500, logged), and its handlers get the shared {@link Door} helpers.
 */
export function openDoor(app: FastifyInstance, context: DoorContext & { intake?: IntakeService }, renderError: DoorErrorRenderer): Door {
  app.setErrorHandler((error, request, reply) => renderError(reply, toHttpError(error, request), error, request));
  const idempotencyKey = (request: FastifyRequest) => {
    const header = request.headers['idempotency-key'];
    return typeof header === 'string' ? header : null;
  };
  return {
    idempotencyKey,
    async key(_request, reply, authorization, budget = 'api') {
      const caller = authorization ? await context.authenticate(context.orm.em.fork(), authorization) : null;
      if (!caller || caller.kind !== 'key') return { refused: 'INVALID_KEY' };
      const limit = await context.rateLimits.enforce(caller, reply, budget);
      return limit.allowed ? { caller } : { refused: 'RATE_LIMITED', limit };
    },
    async submit(request, draft, credentials, options = {}) {
      if (!context.intake) throw new Error('This door was opened without the intake');
      try {
        return {
          decision: await context.intake.submit(context.orm.em.fork(), draft, credentials, {
            ...options,
            idempotencyKey: idempotencyKey(request),
          }),
        };
      } catch (error) {
        if (error instanceof IntakeRefusal) return { refusal: error };
        throw error;
      }
    },
  };
}
