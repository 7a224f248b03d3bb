import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from './app-error.js';

/** Codes Apollo itself raises for a request it could not run; their messages are safe to show. */
const APOLLO_REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  // Raised by the rate-limit plugin (src/rate-limit/) before an operation runs, with HTTP 429.
  'RATE_LIMITED',
]);

/**
 * The one place GraphQL errors are shaped: an {@link AppError} keeps its message and code,
 * argument validation becomes BAD_USER_INPUT, Apollo's own request errors pass, and anything
 * else is logged and masked as INTERNAL_SERVER_ERROR.
 */
export function createGraphQLErrorFormatter(log: FastifyBaseLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: original.code, ...(original.details ?? {}) },
      };
    }
    if (original instanceof Error && original.name === 'ArgumentValidationError') {
      return { message: 'Argument Validation Error', path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && APOLLO_REQUEST_CODES.has(code)) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
    }
    log.error({ err: original }, 'unexpected error in a GraphQL operation');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
