import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { Kind, type FragmentDefinitionNode, type GraphQLFormattedError } from 'graphql';
import type { RequestContext } from '../context.js';
import { AppError } from '../errors/app-error.js';
import { rootFields } from '../graphql-limits/index.js';
import { idempotencyOf } from './idempotent.directive.js';
import { IdempotencyStore, type Claim } from './idempotency.store.js';

/** The header a client sends; the SDK sends a fresh one per logical call and reuses it on retries. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set on a reply that is a replay of the first response to its key. */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/** A stable string of a JSON value with object keys sorted. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function errorResponse(error: AppError): GraphQLResponse {
  const formatted: GraphQLFormattedError = { message: error.message, extensions: { code: error.code, ...(error.details ?? {}) } };
  return {
    http: { status: error.code === 'CONFLICT' ? 409 : 400, headers: new HeaderMap() },
    body: { kind: 'single', singleResult: { errors: [formatted] } },
  };
}

/**
 * Idempotency for every GraphQL mutation the schema declares `@idempotent`, in one place: with
 * an `Idempotency-Key` header and an API key, the first request claims (API key, key) and stores
 * its response; a retry gets that response again (with `Idempotent-Replayed: true`) and runs
 * nothing; a concurrent duplicate waits for the first; the key with another request is CONFLICT.
 * A mutation whose root field failed (null) changed nothing, so its key is let go and a retry
 * runs again. Mutations declared `inTransaction` (the intake) record the key themselves and get
 * it from the context. Without a key, or without an API key, mutations just run.
 */
export function idempotencyPlugin(store: IdempotencyStore = new IdempotencyStore()): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let claim: Claim | undefined;
      let responseKey = '';
      return {
        async responseForOperation({ operation, document, schema, request, contextValue, source }) {
          const rawKey = request.http?.headers.get(IDEMPOTENCY_KEY_HEADER);
          if (operation?.operation !== 'mutation' || rawKey === undefined || contextValue.caller.kind !== 'key') return null;
          // The root fields as GraphQL will run them: a mutation inside a fragment is one too.
          const fragments = Object.fromEntries(
            (document?.definitions ?? [])
              .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
              .map((d) => [d.name.value, d]),
          );
          const fields = [...rootFields(operation, fragments, request.variables ?? {})];
          const mutations = schema.getMutationType()?.getFields() ?? {};
          const declared = fields.map(([, name]) => idempotencyOf(mutations[name]));
          if (declared.every((d) => d === undefined)) return null;
          if (fields.length !== 1) {
            return errorResponse(
              new AppError('BAD_USER_INPUT', 'A request with an Idempotency-Key must hold exactly one mutation field', {
                field: 'Idempotency-Key',
              }),
            );
          }
          if (declared[0]!.inTransaction) return null;
          if (!KEY_FORMAT.test(rawKey)) {
            return errorResponse(
              new AppError('BAD_USER_INPUT', 'Idempotency-Key must be 1-255 printable ASCII characters without spaces', {
                field: 'Idempotency-Key',
              }),
            );
          }
          responseKey = fields[0]![0];
          const requestHash = createHash('sha256')
            .update(canonical([request.operationName ?? null, source ?? '', request.variables ?? {}]))
            .digest('hex');
          try {
            const begun = await store.begin(contextValue.em, contextValue.caller.keyId, rawKey, requestHash);
            if (begun.kind === 'run') {
              claim = begun.claim;
              return null;
            }
            const headers = new HeaderMap([[IDEMPOTENT_REPLAYED_HEADER, 'true']]);
            return { http: { status: 200, headers }, body: { kind: 'single', singleResult: begun.response as Record<string, unknown> } };
          } catch (error) {
            if (error instanceof AppError) return errorResponse(error);
            throw error;
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (!claim) return;
          const held = claim;
          claim = undefined;
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const done = result?.data?.[responseKey] != null;
          try {
            if (done)
              await store.complete(contextValue.em, held, { data: result!.data, ...(result!.errors ? { errors: result!.errors } : {}) });
            else await store.release(contextValue.em, held);
          } catch (error) {
            // The reply still goes out; the claim lapses after its lease and a retry takes it over.
            contextValue.log.error({ err: error }, 'could not record an idempotent response');
          }
        },
      };
    },
  };
}
