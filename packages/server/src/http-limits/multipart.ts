import type { FastifyRequest } from 'fastify';

/** A 400 Fastify-style error: each door's error handler renders it in the door's own shape. */
export class MalformedRequestError extends Error {
  readonly statusCode = 400;
  constructor(
    message: string,
    readonly code = 'LG_MALFORMED_REQUEST',
  ) {
    super(message);
    this.name = 'MalformedRequestError';
  }
}

/**
 * A preValidation hook for every route: a multipart body without a boundary cannot be read, and
 * the multipart parser would fail on it with an error of its own (a 500); it is a 400 here.
 */
export async function requireMultipartBoundary(request: FastifyRequest): Promise<void> {
  const type = request.headers['content-type'];
  if (typeof type !== 'string' || !/^\s*multipart\//i.test(type)) return;
  if (!/;\s*boundary\s*=\s*("[^"]+"|[^\s;]+)/i.test(type)) {
    throw new MalformedRequestError('A multipart body needs a boundary: Content-Type: multipart/form-data; boundary=...');
  }
}
