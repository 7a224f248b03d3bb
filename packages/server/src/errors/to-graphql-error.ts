import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from './app-error.js';
import { LIMIT_CODES, TOKEN_LIMIT_MESSAGE } from './limit-errors.js';
import { databaseInputError } from './database-error.js';

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
  // Raised by the limits that bound an operation while it runs (src/graphql-limits/).
  LIMIT_CODES.deadline,
]);

/** graphql-js's "Did you mean …?" hints, which spell out the schema to a stranger. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** Options of {@link createGraphQLErrorFormatter}. */
export interface GraphQLErrorFormatterOptions {
  /** Keep graphql-js's "Did you mean …?" suggestions in messages, default `true` (off in production). */
  fieldSuggestions?: boolean;
}

/**
 * The one place GraphQL errors are shaped: an {@link AppError} keeps its message and code, a
 * database error caused by the request's values or a concurrent request becomes BAD_USER_INPUT or
 * CONFLICT, argument validation becomes BAD_USER_INPUT, errors Apollo and graphql-js raise about
 * the request itself (parse, validation, variables, persisted queries) pass with their code
 * (BAD_REQUEST when they have none), and anything else is logged and masked as
 * INTERNAL_SERVER_ERROR.
 */
export function createGraphQLErrorFormatter(log: FastifyBaseLogger, options: GraphQLErrorFormatterOptions = {}) {
  const shape = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const unwrapped = unwrapResolverError(error);
    // An AppError thrown by a plugin before execution arrives wrapped without a path.
    const original = unwrapped instanceof GraphQLError && unwrapped.originalError instanceof AppError ? unwrapped.originalError : unwrapped;
    const known = original instanceof AppError ? original : databaseInputError(original);
    if (known) {
      return {
        message: known.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: known.code, ...(known.details ?? {}) },
      };
    }
    if (original instanceof Error && original.name === 'ArgumentValidationError') {
      return { message: 'Argument Validation Error', path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
    }
    const code = formatted.extensions?.code;
    const tokens = code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT_MESSAGE.exec(formatted.message) : null;
    if (tokens) {
      return {
        message: `Syntax Error: Token limit of ${tokens[1]} exceeded (GRAPHQL_MAX_TOKENS); parsing stopped there.`,
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      };
    }
    if (typeof code === 'string' && APOLLO_REQUEST_CODES.has(code)) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
    }
    // Made as a GraphQLError outside any resolver (no path) and wrapping nothing: Apollo's or
    // graphql-js's word about the request (a persisted query's hash, too many bad variables).
    if (error instanceof GraphQLError && !error.originalError && !formatted.path) {
      return { message: formatted.message, locations: formatted.locations, extensions: { code: 'BAD_REQUEST' } };
    }
    log.error({ err: original }, 'unexpected error in a GraphQL operation');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
  if (options.fieldSuggestions ?? true) return shape;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const shaped = shape(formatted, error);
    const message = shaped.message.replace(SUGGESTION, '');
    return message === shaped.message ? shaped : { ...shaped, message };
  };
}
