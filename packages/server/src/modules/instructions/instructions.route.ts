import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MikroORM as Orm } from '@mikro-orm/core';
import { AppError } from '../../errors/app-error.js';
import { toHttpError } from '../../errors/to-http-error.js';
import type { InstructionsService } from './instructions.service.js';
import { renderInstructionsPage, renderNotFoundPage } from './page.js';
import { instructionsPageDocs, instructionsZipsDocs } from './instructions.schema.js';

/** A Host header we are willing to print in URLs: a name or IP literal and an optional port. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/** The origin the vendor reached us at: the request's protocol and Host header. */
export function requestOrigin(request: FastifyRequest): string {
  const host = request.headers.host;
  return `${request.protocol}://${typeof host === 'string' && HOST.test(host) ? host : 'localhost'}`;
}

/**
 * The page holds credentials and is reached by a secret link: never cached or indexed, no
 * Referer leaves it, and only its own nonce-tagged style and script run.
 */
function secureHeaders(reply: FastifyReply, nonce?: string): FastifyReply {
  reply
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex, nofollow')
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY');
  if (nonce) {
    reply.header(
      'content-security-policy',
      `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
    );
  }
  return reply;
}

const isNotFound = (error: unknown): error is AppError => error instanceof AppError && error.code === 'NOT_FOUND';

/**
 * Posting instructions, one page per approval, authorized by its token alone:
 * `GET /instructions/:token` (HTML), `GET /instructions/:token.json` (the same as data) and
 * `GET /instructions/:token/zips.csv` (the campaign's zip list). An unknown or revoked token is
 * a 404: an HTML page, or `{"error": "..."}`.
 */
export async function instructionsRoutes(app: FastifyInstance, options: { orm: Orm; instructions: InstructionsService }): Promise<void> {
  const { orm } = options;

  app.setErrorHandler((error, request, reply) => {
    const view = toHttpError(error, request);
    return secureHeaders(reply).status(view.status).send({ error: view.message, code: view.code });
  });

  app.get<{ Params: { token: string } }>('/instructions/:token', instructionsPageDocs, async (request, reply) => {
    const asJson = request.params.token.endsWith('.json');
    const token = asJson ? request.params.token.slice(0, -'.json'.length) : request.params.token;
    const nonce = asJson ? undefined : randomBytes(16).toString('base64');
    try {
      const instructions = await options.instructions.forToken(orm.em.fork(), token, requestOrigin(request));
      secureHeaders(reply, nonce);
      if (asJson) return reply.type('application/json; charset=utf-8').send(instructions);
      return reply.type('text/html; charset=utf-8').send(renderInstructionsPage(instructions, nonce!));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      secureHeaders(reply, nonce).status(404);
      if (asJson) return reply.send({ error: error.message, code: error.code });
      return reply.type('text/html; charset=utf-8').send(renderNotFoundPage(nonce!));
    }
  });

  app.get<{ Params: { token: string } }>('/instructions/:token/zips.csv', instructionsZipsDocs, async (request, reply) => {
    const { campaignId, csv } = await options.instructions.zipsCsv(orm.em.fork(), request.params.token);
    return secureHeaders(reply)
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${campaignId}-zips.csv"`)
      .send(csv);
  });
}
