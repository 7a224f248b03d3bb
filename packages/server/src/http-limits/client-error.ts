import type { Socket } from 'node:net';

/** Node's errors for a request it could not read, and what the client is told. */
const REPLIES: Record<string, { status: string; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: '408 Request Timeout',
    message: 'The request did not arrive in time (HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS)',
  },
  HPE_HEADER_OVERFLOW: { status: '431 Request Header Fields Too Large', message: 'The request line and headers are larger than 16 KiB' },
};
const MALFORMED = { status: '400 Bad Request', message: 'The request is not valid HTTP' };

/**
 * Fastify's `clientErrorHandler`: a request Node could not read (late, too large headers,
 * malformed) is answered in the gateway's JSON error shape and its connection closed. No route
 * was found for it, so no door's shape applies.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection, or one already gone: nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const reply = REPLIES[error.code ?? ''] ?? MALFORMED;
  const body = JSON.stringify({ errors: [{ message: reply.message, extensions: { code: 'BAD_REQUEST' } }] });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${reply.status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
