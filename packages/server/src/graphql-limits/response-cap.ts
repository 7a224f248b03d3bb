import type { FastifyReply, FastifyRequest } from 'fastify';
import { LIMIT_CODES } from './limits.js';

/**
 * A Fastify onSend hook for the GraphQL route: a reply over `maxBytes` is replaced by one error,
 * RESPONSE_TOO_LARGE, naming the limit (the same HTTP status; the data is dropped, not cut).
 */
export function responseSizeCap(maxBytes: number) {
  const refusal = JSON.stringify({
    data: null,
    errors: [
      {
        message: `The reply is larger than the limit of ${maxBytes} bytes (GRAPHQL_MAX_RESPONSE_BYTES); ask for fewer fields or smaller pages`,
        extensions: { code: LIMIT_CODES.responseSize },
      },
    ],
  });
  return async (_request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    // A string's length in UTF-16 units is at least a third of its UTF-8 size: only count bytes when it could be over.
    const size =
      typeof payload === 'string'
        ? payload.length * 3 > maxBytes
          ? Buffer.byteLength(payload)
          : 0
        : Buffer.isBuffer(payload)
          ? payload.length
          : 0;
    if (size <= maxBytes) return payload;
    reply.header('content-length', Buffer.byteLength(refusal));
    return refusal;
  };
}
