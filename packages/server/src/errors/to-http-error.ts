import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from './app-error.js';
import { databaseInputError } from './database-error.js';

const STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL_SERVER_ERROR: 500,
};

/** What an HTTP door needs to answer an error: status, code and a caller-safe message. */
export interface HttpErrorView {
  status: number;
  code: ErrorCode;
  message: string;
}

/**
 * The one place errors become HTTP statuses: AppErrors keep their code, database errors caused
 * by the request's values or by a concurrent request become 400 or 409, Fastify's own
 * client errors (malformed JSON, wrong content type, body too large) keep their 4xx status
 * and message, and anything else is masked as a 500 and logged.
 */
export function toHttpError(error: unknown, request: FastifyRequest): HttpErrorView {
  const known = error instanceof AppError ? error : databaseInputError(error);
  if (known) return { status: STATUS[known.code], code: known.code, message: known.message };
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, code: status === 429 ? 'RATE_LIMITED' : 'BAD_USER_INPUT', message: clientMessage(fastifyError) };
  }
  request.log.error({ err: error }, 'unexpected error');
  return { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' };
}

function clientMessage(error: Partial<FastifyError>): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return `Malformed JSON body: ${error.message ?? 'could not parse it'}`;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return `Unsupported Content-Type: ${error.message ?? ''}`.trim();
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'Request body is too large';
    default:
      return error.message ?? 'Bad request';
  }
}

/** Default error reply for routes with no vendor shape of their own (GraphQL transport, health). */
export function replyWithError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const view = toHttpError(error, request);
  return reply.status(view.status).send({ errors: [{ message: view.message, extensions: { code: view.code } }] });
}
