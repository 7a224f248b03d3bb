import { ClientError } from 'graphql-request';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  InvalidInputError,
  LeadgateError,
  NotFoundError,
  parseRetryAfter,
  PermissionError,
  RateLimitError,
  toLeadgateError,
} from '../src/errors.js';

/** What graphql-request throws for an error response. */
function clientError(status: number, code?: string, headers: Record<string, string> = {}, message = 'boom'): ClientError {
  const errors = code === undefined ? undefined : [{ message, extensions: { code, field: 'phone' } }];
  return new ClientError(
    { status, headers: new Headers(headers), errors, body: '' } as unknown as ConstructorParameters<typeof ClientError>[0],
    { query: 'query campaigns { campaigns { id } }' },
  );
}

describe('toLeadgateError', () => {
  it.each([
    ['UNAUTHENTICATED', AuthenticationError],
    ['FORBIDDEN', PermissionError],
    ['BAD_USER_INPUT', InvalidInputError],
    ['NOT_FOUND', NotFoundError],
    ['CONFLICT', ConflictError],
    ['RATE_LIMITED', RateLimitError],
    ['INTERNAL_SERVER_ERROR', ApiError],
    ['GRAPHQL_VALIDATION_FAILED', ApiError],
    ['SOMETHING_NEW', ApiError],
  ])('maps extensions.code %s to %o', (code, ErrorClass) => {
    const error = toLeadgateError(clientError(200, code, { 'x-request-id': 'req-7' }), { operationName: 'campaigns' });
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(LeadgateError);
    expect(error).toMatchObject({ code, status: 200, message: 'boom', requestId: 'req-7', operationName: 'campaigns' });
    expect(error.name).toBe(ErrorClass.name);
    expect(error.errors).toHaveLength(1);
    expect(error.cause).toBeInstanceOf(ClientError);
  });

  it.each([
    [400, 'BAD_USER_INPUT', InvalidInputError],
    [401, 'UNAUTHENTICATED', AuthenticationError],
    [403, 'FORBIDDEN', PermissionError],
    [404, 'NOT_FOUND', NotFoundError],
    [409, 'CONFLICT', ConflictError],
    [429, 'RATE_LIMITED', RateLimitError],
    [500, 'INTERNAL_SERVER_ERROR', ApiError],
    [503, 'INTERNAL_SERVER_ERROR', ApiError],
    [418, 'UNKNOWN', ApiError],
  ])('falls back to HTTP %i without a code: %s', (status, code, ErrorClass) => {
    const error = toLeadgateError(clientError(status));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ code, status, message: `The Leadgate API answered HTTP ${status}`, errors: [] });
  });

  it('lets the code win over the status', () => {
    expect(toLeadgateError(clientError(400, 'NOT_FOUND'))).toBeInstanceOf(NotFoundError);
  });

  it('reads the field of a BAD_USER_INPUT', () => {
    expect(toLeadgateError(clientError(200, 'BAD_USER_INPUT'))).toMatchObject({ field: 'phone' });
  });

  it('reads Retry-After on a rate limit', () => {
    expect(toLeadgateError(clientError(429, undefined, { 'retry-after': '3' }))).toMatchObject({ retryAfterMs: 3000 });
    expect(toLeadgateError(clientError(429))).toMatchObject({ retryAfterMs: undefined });
  });

  it('makes fetch failures and timeouts ConnectionErrors', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    const error = toLeadgateError(refused, { url: 'http://127.0.0.1:1/graphql', operationName: 'leads' });
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({
      code: 'CONNECTION_ERROR',
      status: undefined,
      operationName: 'leads',
      message: 'Could not reach the Leadgate API at http://127.0.0.1:1/graphql: fetch failed (ECONNREFUSED)',
    });

    const timeout = toLeadgateError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    expect(timeout).toBeInstanceOf(ConnectionError);
    expect(timeout.message).toBe('Could not reach the Leadgate API: the request timed out');

    expect(toLeadgateError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBeInstanceOf(ConnectionError);
  });

  it('makes anything else an ApiError with code UNKNOWN', () => {
    const error = toLeadgateError(new SyntaxError('Unexpected token < in JSON'));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'UNKNOWN', message: 'Unexpected response from the Leadgate API: Unexpected token < in JSON' });
    expect(toLeadgateError('a string')).toMatchObject({ code: 'UNKNOWN', message: 'Unexpected response from the Leadgate API: a string' });
  });

  it('passes a LeadgateError through', () => {
    const original = new NotFoundError({ message: 'Lead not found', code: 'NOT_FOUND' });
    expect(toLeadgateError(original)).toBe(original);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores the rest', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
  });
});
