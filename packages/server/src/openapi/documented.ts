import type { FastifySchema, RouteShorthandOptions } from 'fastify';

/** A JSON Schema object, as the route schemas write them. */
export type JsonSchema = Record<string, unknown>;

/** A documented reply: its description and, per content type, its schema. */
export const reply = (description: string, schema?: JsonSchema, contentType = 'application/json'): JsonSchema =>
  schema ? { description, content: { [contentType]: { schema } } } : { description };

/** The same documented reply under several statuses. */
export const replies = (statuses: readonly number[], entry: JsonSchema): Record<string, JsonSchema> =>
  Object.fromEntries(statuses.map((status) => [String(status), entry]));

/** An object schema whose listed properties are strings unless given. */
export const fields = (names: readonly string[], extra: Record<string, JsonSchema> = {}): Record<string, JsonSchema> => ({
  ...Object.fromEntries(names.map((name) => [name, { type: 'string' }])),
  ...extra,
});

// Each door reads its request itself and answers bad input in its own format, so the schemas
// document and never validate; replies are sent already serialized and are never reshaped.
const ACCEPT_ALL = () => () => true;
const AS_IS = () => (data: unknown) => (typeof data === 'string' ? data : JSON.stringify(data));

/**
 * Route options that put `schema` in the OpenAPI document (GET /openapi.json) and change nothing
 * else: no request validation, no reply serialization. Attach them with one spread.
 */
export function documented(schema: FastifySchema): RouteShorthandOptions {
  return { schema, validatorCompiler: ACCEPT_ALL, serializerCompiler: AS_IS };
}

/** The gateway's own error reply (outside the vendor doors): `{"errors":[{"message","extensions":{"code"}}]}`. */
export const GATEWAY_ERROR: JsonSchema = {
  type: 'object',
  required: ['errors'],
  properties: {
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['message'],
        properties: { message: { type: 'string' }, extensions: { type: 'object', properties: { code: { type: 'string' } } } },
      },
    },
  },
};

/** The gateway's own errors under the usual statuses. */
export const gatewayErrors = (statuses: readonly number[] = [400, 401, 403, 404, 429, 500]): Record<string, JsonSchema> =>
  replies(
    statuses,
    reply('Refused or failed: the message says why (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, ...)', GATEWAY_ERROR),
  );

/** `Authorization: Bearer <API key>`. */
export const BEARER = { type: 'object', properties: { authorization: { type: 'string', description: 'Bearer <API key>' } } } as const;
