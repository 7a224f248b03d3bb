import { GraphQLError } from 'graphql';
import { AppError } from '../errors/app-error.js';
import type { Caller } from './caller.js';

/**
 * The field extension that lets a root field run without an API key (type-graphql:
 * `@Extensions({ [ALLOW_ANONYMOUS]: true })`): the lead submissions, which take the source's own
 * credentials in their input instead.
 */
export const ALLOW_ANONYMOUS = 'allowAnonymous';

/** What {@link requireCallerForRootFields} reads of an operation. */
export interface RootFieldsOf {
  rootType: { getFields(): Record<string, { extensions: Readonly<Record<string, unknown>> }> };
  rootFields: Map<string, string>;
}

/**
 * Refuses, before any resolver runs (so before any lookup), an operation by a caller without a
 * valid API key when one of its root fields needs one: UNAUTHENTICATED, HTTP 401. So an
 * anonymous `lead(id)` cannot tell an existing id from a missing one.
 */
export function requireCallerForRootFields(operation: RootFieldsOf, caller: Caller): void {
  if (caller.kind === 'key' || caller.kind === 'source') return;
  const fields = operation.rootType.getFields();
  const needsKey = [...operation.rootFields.values()].some((name) => fields[name]?.extensions?.[ALLOW_ANONYMOUS] !== true);
  if (!needsKey) return;
  const error =
    caller.kind === 'invalid'
      ? new AppError('UNAUTHENTICATED', 'Invalid API key: it is unknown or revoked')
      : new AppError('UNAUTHENTICATED', 'A valid API key is required: send Authorization: Bearer <key>');
  throw new GraphQLError(error.message, { originalError: error, extensions: { http: { status: 401 } } });
}
