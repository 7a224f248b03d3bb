import type { Config } from '../config.js';

/** The bounds every GraphQL operation is held to; each has a setting (see config.ts and docs/security.md). */
export interface GraphQLLimits {
  /** Deepest selection nesting (GRAPHQL_MAX_DEPTH). */
  maxDepth: number;
  /** Aliases per operation, fragments counted where spread (GRAPHQL_MAX_ALIASES). */
  maxAliases: number;
  /** Directives per operation (GRAPHQL_MAX_DIRECTIVES). */
  maxDirectives: number;
  /** Tokens per document, counted by the parser (GRAPHQL_MAX_TOKENS). */
  maxTokens: number;
  /** Estimated cost per operation, page sizes multiplied in (GRAPHQL_MAX_COST). */
  maxCost: number;
  /** Milliseconds after which an operation's remaining fields fail (GRAPHQL_DEADLINE_MS). */
  deadlineMs: number;
  /** Largest reply in bytes (GRAPHQL_MAX_RESPONSE_BYTES). */
  maxResponseBytes: number;
}

/** The limits a {@link Config} sets. */
export function graphqlLimitsOf(
  config: Pick<
    Config,
    | 'graphqlMaxDepth'
    | 'graphqlMaxAliases'
    | 'graphqlMaxDirectives'
    | 'graphqlMaxTokens'
    | 'graphqlMaxCost'
    | 'graphqlDeadlineMs'
    | 'graphqlMaxResponseBytes'
  >,
): GraphQLLimits {
  return {
    maxDepth: config.graphqlMaxDepth,
    maxAliases: config.graphqlMaxAliases,
    maxDirectives: config.graphqlMaxDirectives,
    maxTokens: config.graphqlMaxTokens,
    maxCost: config.graphqlMaxCost,
    deadlineMs: config.graphqlDeadlineMs,
    maxResponseBytes: config.graphqlMaxResponseBytes,
  };
}

export { LIMIT_CODES } from '../errors/limit-errors.js';
