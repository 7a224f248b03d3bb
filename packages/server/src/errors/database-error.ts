import { DeadlockException, LockWaitTimeoutException, NotFoundError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { AppError } from './app-error.js';

/**
 * PostgreSQL SQLSTATEs of class 22 (data exception) that only a value the caller sent can cause:
 * NUL bytes (22021), unpaired surrogates in JSON (22P05), text too long (22001), numbers out of
 * range (22003), text that is not a number or date (22P02, 22007, 22008).
 */
const PG_BAD_VALUE = new Set(['22021', '22P05', '22001', '22003', '22P02', '22007', '22008']);
const PG_TEXT_ENCODING = new Set(['22021', '22P05']);
/** Serialization failures and deadlocks: the transaction lost a race and may be retried. */
const PG_RETRY = new Set(['40001', '40P01']);

/** Messages of the errors below, safe to show the caller (they hold nothing that was sent). */
export const DATABASE_ERROR_MESSAGES = {
  text: 'Text values must not contain NUL characters or unpaired surrogates',
  value: 'A value is too long, out of range or not valid for its field',
  retry: 'Another request changed the same data at the same time; retry',
} as const;

/**
 * The caller-facing error a database failure stands for, when the request caused it: a value the
 * database refuses (NUL, an unpaired surrogate, out of range) is BAD_USER_INPUT; a lost race
 * (unique key taken by a concurrent request, deadlock, serialization failure) is
 * CONFLICT; MikroORM's NotFoundError (`findOneOrFail`) is NOT_FOUND. Any other database error is
 * a fault of ours and stays unknown (undefined): masked and logged.
 */
export function databaseInputError(error: unknown): AppError | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && PG_BAD_VALUE.has(code)) {
    return new AppError('BAD_USER_INPUT', PG_TEXT_ENCODING.has(code) ? DATABASE_ERROR_MESSAGES.text : DATABASE_ERROR_MESSAGES.value);
  }
  // A NUL in a value: better-sqlite3 cuts an inlined statement there ("unrecognized token"), and
  // PostgreSQL's wire protocol cannot carry one in a parameter ("invalid message format", 08P01).
  // The statement in the message (knex inlines the values) holds the NUL.
  if ((code === 'SQLITE_ERROR' || code === '08P01') && error.message.includes('\u0000')) {
    return new AppError('BAD_USER_INPUT', DATABASE_ERROR_MESSAGES.text);
  }
  if (code === 'SQLITE_TOOBIG') return new AppError('BAD_USER_INPUT', DATABASE_ERROR_MESSAGES.value);
  // findOneOrFail: its message holds the query's values, so only the entity is named.
  if (error instanceof NotFoundError) return new AppError('NOT_FOUND', `${error.entity?.constructor?.name ?? 'Record'} not found`);
  if (
    error instanceof UniqueConstraintViolationException ||
    error instanceof DeadlockException ||
    error instanceof LockWaitTimeoutException ||
    (typeof code === 'string' && PG_RETRY.has(code))
  ) {
    return new AppError('CONFLICT', DATABASE_ERROR_MESSAGES.retry);
  }
  return undefined;
}
