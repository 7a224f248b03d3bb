import type { ApolloServerPlugin, HTTPGraphQLHead } from '@apollo/server';
import type { DocumentNode, FragmentDefinitionNode, GraphQLObjectType, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { Kind } from 'graphql';
import type { RequestContext } from '../context.js';
import { rootFields } from './root-fields.js';

/** An operation that passed validation, as the gate's checks see it. */
export interface GatedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName: string | null;
  variables: Record<string, unknown>;
  /** The root type the operation runs on (Query, Mutation or Subscription). */
  rootType: GraphQLObjectType;
  /** Its root fields after fragment expansion: response key to field name (see {@link rootFields}). */
  rootFields: Map<string, string>;
  /** The reply's HTTP head, for headers such as X-RateLimit-*. */
  http: HTTPGraphQLHead;
}

/** One check of {@link operationGatePlugin}: throws to refuse the operation. */
export type OperationCheck = (operation: GatedOperation, context: RequestContext) => void | Promise<void>;

/**
 * Runs `checks` one after the other, in order, once an operation is resolved and validated and
 * before it executes; the first to throw refuses the whole operation. (Apollo runs the
 * didResolveOperation hooks of separate plugins at once, so checks that must not run after a
 * refusal, such as spending a rate-limit budget, share this one hook.)
 */
export function operationGatePlugin(checks: readonly OperationCheck[]): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, operationName, request, contextValue, response }) {
          const rootType = operation && schema.getRootType(operation.operation);
          if (!operation || !rootType) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          const variables = request.variables ?? {};
          const gated: GatedOperation = {
            schema,
            document,
            operation,
            operationName: operationName ?? null,
            variables,
            rootType,
            rootFields: rootFields(operation, fragments, variables),
            http: response.http,
          };
          for (const check of checks) await check(gated, contextValue);
        },
      };
    },
  };
}
