import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ApolloServerPlugin } from '@apollo/server';
import { defaultFieldResolver, GraphQLError, type GraphQLSchema } from 'graphql';
import { LIMIT_CODES } from './limits.js';

/** Where a request's deadline (a `performance.now()` time) is kept on its context. */
const DEADLINE = Symbol('leadgate.graphql.deadline');

type WithDeadline = { [DEADLINE]?: { at: number; ms: number } };

function checkDeadline(context: unknown): void {
  const deadline = (context as WithDeadline | undefined)?.[DEADLINE];
  if (deadline && performance.now() > deadline.at) {
    throw new GraphQLError(
      `The operation ran past its deadline of ${deadline.ms} ms (GRAPHQL_DEADLINE_MS); its remaining fields were not resolved`,
      {
        extensions: { code: LIMIT_CODES.deadline },
      },
    );
  }
}

/**
 * Bounds an operation's running time: once `deadlineMs` have passed since the request started,
 * every field of a query that has yet to resolve fails with DEADLINE_EXCEEDED (its value null, as
 * GraphQL does for a failed field). A resolver already running is not interrupted (better-sqlite3
 * cannot be), so the bound is the deadline plus one resolver; the validation limits keep that
 * small. Mutations are not cut: a failed root field would null the whole reply (root fields are
 * non-null), hiding the results of those that ran, and a stored lead must be acknowledged however
 * long it took; the alias limit and the budgets bound them instead.
 */
export function deadlinePlugin(deadlineMs: number): ApolloServerPlugin {
  return {
    async requestDidStart({ contextValue }) {
      (contextValue as WithDeadline)[DEADLINE] = { at: performance.now() + deadlineMs, ms: deadlineMs };
      return {
        // Only queries are cut: a mutation gets no per-field hook at all (submitLead is the hot path).
        async executionDidStart({ operation }) {
          // No operation when operationName names none in the document: Apollo answers that itself.
          if (operation?.operation !== 'query') return;
          return { willResolveField: ({ contextValue: context }) => checkDeadline(context) };
        },
      };
    },
  };
}

/**
 * Makes each root field of a query start in its own turn of the event loop, after a deadline
 * check. graphql-js starts every root field of a query at once, so without this a check before
 * each field would pass for all of them at the start; with it, the fields run one after another,
 * other requests are served between them, and those left when the deadline passes fail.
 * (Mutation fields already run one after another.) Changes `schema` in place and returns it.
 */
export function queryRootFieldsTakeTurns(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = async (source, args, context, info) => {
      await nextTurn();
      checkDeadline(context);
      return resolve(source, args, context, info);
    };
  }
  return schema;
}
