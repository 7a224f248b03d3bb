import type { FastifyInstance, FastifyReply } from 'fastify';
import type { HttpErrorView } from '../../errors/to-http-error.js';
import { DIALER_CODES, type DialerError } from '../../modules/dialer/index.js';
import { errorBody } from './insert-lead.mapper.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** Sends a dialer reply; HTTP 200 unless `status` says otherwise (the reference answers errors with 200 too). */
export function send(reply: FastifyReply, body: string, status = 200) {
  return reply.status(status).type(JSON_TYPE).send(body);
}

/** Sends `{"success":false,"code":N,"text":"..."}`. */
export const fail = (reply: FastifyReply, error: DialerError, status = 200) => send(reply, errorBody(error), status);

/**
 * A service error (already turned into an HTTP view by the one mapper) as the dialer door's
 * code, text and HTTP status: what the caller can fix answers 200 with a code, as the reference
 * does; rate limits answer 429 and unknown failures 500 (masked).
 */
export function dialerErrorOfView(view: HttpErrorView): { error: DialerError; status: number } {
  switch (view.code) {
    case 'NOT_FOUND':
      return { error: view.message.startsWith('List') ? DIALER_CODES.NO_SUCH_LIST : DIALER_CODES.NO_SUCH_CAMPAIGN, status: 200 };
    case 'UNAUTHENTICATED':
      return { error: DIALER_CODES.INVALID_TOKEN, status: 200 };
    case 'FORBIDDEN':
      return { error: DIALER_CODES.FORBIDDEN, status: 200 };
    case 'RATE_LIMITED':
      return { error: { code: 429, text: view.message }, status: 429 };
    case 'CONFLICT':
      return { error: { code: 409, text: view.message }, status: 200 };
    case 'INTERNAL_SERVER_ERROR':
      return { error: { code: 500, text: 'Internal error' }, status: 500 };
    default:
      return { error: { code: view.status === 400 ? DIALER_CODES.BAD_REQUEST.code : view.status, text: view.message }, status: 200 };
  }
}

/** Answers every method but GET and POST on `url` with 405 and `Allow: GET, POST`. */
export function methodNotAllowed(app: FastifyInstance, url: string): void {
  app.route({
    method: ['PUT', 'PATCH', 'DELETE'],
    url,
    handler: async (_request, reply) =>
      fail(reply.header('allow', 'GET, POST'), { code: 405, text: 'Method Not Allowed: use GET or POST' }, 405),
  });
}
