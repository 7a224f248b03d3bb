import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import type { GraphQLLimits } from './limits.js';

// graphql-armor throws by default, which graphql-js's validate() does not catch (Apollo would
// answer 500); reported to the context instead, a refusal is a GRAPHQL_VALIDATION_FAILED (400).
const report = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

/**
 * graphql-armor's depth, alias and directive limits as validation rules. Each refusal names its
 * limit, e.g. "Syntax Error: Aliases limit of 30 exceeded, found 1000.".
 */
export function limitValidationRules(limits: Pick<GraphQLLimits, 'maxDepth' | 'maxAliases' | 'maxDirectives'>): ValidationRule[] {
  return [
    maxAliasesRule({ n: limits.maxAliases, ...report }),
    maxDepthRule({ n: limits.maxDepth, ...report }),
    maxDirectivesRule({ n: limits.maxDirectives, ...report }),
  ];
}
