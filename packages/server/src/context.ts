import type { EntityManager } from '@mikro-orm/core';
import type { FastifyBaseLogger } from 'fastify';
import type { Caller } from './auth/caller.js';

/** What every service call gets: its own EntityManager fork, the caller and the request id. */
export interface RequestContext {
  /** A fork for this request only; never the global EntityManager. */
  em: EntityManager;
  caller: Caller;
  requestId: string;
  log: FastifyBaseLogger;
  /** The request's Idempotency-Key header, if any. */
  idempotencyKey?: string;
}
