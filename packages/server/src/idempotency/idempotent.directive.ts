import {
  DirectiveLocation,
  GraphQLBoolean,
  GraphQLDirective,
  GraphQLNonNull,
  Kind,
  lexicographicSortSchema,
  parse,
  printSchema,
  type GraphQLField,
  type GraphQLSchema,
  type ObjectTypeDefinitionNode,
} from 'graphql';

/** What a mutation declares with `@idempotent`. */
export interface Idempotency {
  /** The mutation records the key itself, in the transaction of its change (the intake). */
  inTransaction: boolean;
}

/**
 * `@idempotent` on a mutation: a retry with the same `Idempotency-Key` (per API key) replays the
 * first response, and the key reused for another request is refused with CONFLICT. Clients (the
 * SDK's retry policy) read it from the schema.
 */
export const IDEMPOTENT_DIRECTIVE = new GraphQLDirective({
  name: 'idempotent',
  description:
    'A retry with the same Idempotency-Key header (per API key) replays the first response instead of running again; ' +
    'the same key with a different request is refused with CONFLICT. inTransaction: the key is recorded in the ' +
    'transaction of the change itself.',
  locations: [DirectiveLocation.FIELD_DEFINITION],
  args: { inTransaction: { type: new GraphQLNonNull(GraphQLBoolean), defaultValue: false } },
});

const EXTENSION = 'idempotent';

/**
 * Declares every mutation idempotent: the generic layer (idempotency.plugin.ts) replays any of
 * them by key. A resolver that records the key in its own transaction says so with
 * `@Directive('@idempotent(inTransaction: true)')`. Returns the schema, changed in place.
 */
export function declareIdempotency(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const own = field.astNode?.directives?.find((d) => d.name.value === IDEMPOTENT_DIRECTIVE.name);
    const inTransaction =
      own?.arguments?.some((a) => a.name.value === 'inTransaction' && a.value.kind === Kind.BOOLEAN && a.value.value) ?? false;
    (field as { extensions: GraphQLField<unknown, unknown>['extensions'] }).extensions = {
      ...field.extensions,
      [EXTENSION]: { inTransaction },
    };
  }
  return schema;
}

/** What a mutation field declares, or `undefined` when it is not idempotent. */
export function idempotencyOf(field: GraphQLField<unknown, unknown> | undefined): Idempotency | undefined {
  return field?.extensions[EXTENSION] as Idempotency | undefined;
}

/**
 * The schema as SDL, sorted, with each mutation's `@idempotent` written after its type
 * (graphql-js prints directive definitions but not where they are used).
 */
export function printSchemaWithIdempotency(schema: GraphQLSchema): string {
  const sorted = lexicographicSortSchema(schema);
  const sdl = printSchema(sorted);
  const mutation = sorted.getMutationType();
  if (!mutation) return sdl;
  const node = parse(sdl).definitions.find(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === mutation.name,
  );
  const insertions = (node?.fields ?? []).flatMap((fieldNode) => {
    const declared = idempotencyOf(mutation.getFields()[fieldNode.name.value]);
    if (!declared) return [];
    return [{ at: fieldNode.loc!.end, text: declared.inTransaction ? ' @idempotent(inTransaction: true)' : ' @idempotent' }];
  });
  let out = sdl;
  for (const { at, text } of insertions.reverse()) out = out.slice(0, at) + text + out.slice(at);
  return out;
}
