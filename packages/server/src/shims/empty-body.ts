import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The Content-Type of requests whose empty body was dropped, by request. */
const declared = new WeakMap<IncomingMessage, string>();

/** The Content-Type the caller sent, even when its empty body was dropped (doors that answer in the request's format read it). */
export function declaredContentType(request: FastifyRequest): string | undefined {
  return declared.get(request.raw) ?? request.headers['content-type'];
}

/**
 * Treats a request body of zero bytes as no body, whatever its Content-Type says: real callers
 * send everything in the query string with `Content-Type: application/json` and nothing after
 * it, and a parser must not refuse (or a door answer 415 to) a body that is not there. A chunked
 * body that turns out empty is the JSON parser's to allow ({@link allowEmptyJson}).
 */
export function ignoreEmptyBodies(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const { headers } = request;
    const type = headers['content-type'];
    if (type !== undefined && headers['transfer-encoding'] === undefined && (headers['content-length'] ?? '0').trim() === '0') {
      declared.set(request.raw, type);
      delete headers['content-type'];
    }
  });
  allowEmptyJson(app);
}

/** Fastify's JSON parser, except that an empty (or blank) body is no body rather than an error. */
export function allowEmptyJson(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if ((body as string).trim() === '') return done(null, undefined);
    parseJson(request, body as string, done);
  });
}
