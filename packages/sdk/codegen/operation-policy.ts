/**
 * A graphql-codegen plugin that writes `src/_generated/operation-policy.ts`: which mutations the
 * schema declares `@idempotent` (safe to retry with the same Idempotency-Key) and how the SDK pages
 * each list query, both read from the schema, so that no hand-kept list in the SDK copies what
 * the server does. It fails the codegen run, naming the operation, when an operation cannot be paged
 * (a paged field whose paging arguments are not variables, or a cursor connection whose
 * `pageInfo` is not selected).
 */
import {
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** How one list query pages; the variable names are the operation's. */
export type Pagination =
  | { kind: 'list' }
  | { kind: 'offset'; sizeVariable: string; offsetVariable: string; maxPageSize?: number }
  | { kind: 'cursor'; sizeVariable: string; cursorVariable: string; maxPageSize?: number };

/** Page-size limits are written in the argument's description, e.g. "At most 500." */
const MAX_PAGE_SIZE = /\bat most ([\d,]+)/i;

export function paginationOf(schema: GraphQLSchema, operation: OperationDefinitionNode): Pagination | undefined {
  const name = operation.name?.value ?? '(anonymous)';
  const root = rootField(operation);
  const field = schema.getQueryType()?.getFields()[root.name.value];
  if (!field) throw new Error(`operation ${name}: no query field ${root.name.value} in the schema`);
  const type = getNullableType(field.type);
  const args = new Set(field.args.map((a) => a.name));
  const bound = variableOf(root);
  const boundSize = () => requireBound(name, bound, 'first');
  const maxPageSize = pageLimit(field);
  if (isListType(type)) {
    if (args.has('offset') && args.has('first')) {
      return { kind: 'offset', sizeVariable: boundSize(), offsetVariable: requireBound(name, bound, 'offset'), ...maxPageSize };
    }
    if (args.has('first')) throw new Error(`query field ${field.name} takes first but no offset or after: the SDK cannot page it`);
    return { kind: 'list' };
  }
  if (isObjectType(type)) {
    const fields = type.getFields();
    if (!fields.nodes || !fields.pageInfo) return undefined;
    if (!args.has('first') || !args.has('after')) throw new Error(`connection ${field.name} needs first and after arguments to be paged`);
    const pageInfo = selection(root.selectionSet, 'pageInfo');
    if (
      !selection(root.selectionSet, 'nodes') ||
      !selection(pageInfo?.selectionSet, 'hasNextPage') ||
      !selection(pageInfo?.selectionSet, 'endCursor')
    ) {
      throw new Error(`operation ${name} must select nodes and pageInfo { hasNextPage endCursor } to be paged`);
    }
    return { kind: 'cursor', sizeVariable: boundSize(), cursorVariable: requireBound(name, bound, 'after'), ...maxPageSize };
  }
  return undefined;
}

function rootField(operation: OperationDefinitionNode): FieldNode {
  const fields = operation.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD);
  if (fields.length !== 1) throw new Error(`operation ${operation.name?.value}: select exactly one root field`);
  return fields[0]!;
}

/** Argument name -> the operation variable passed to it. */
function variableOf(field: FieldNode): Map<string, string> {
  const bound = new Map<string, string>();
  for (const arg of field.arguments ?? []) {
    if (arg.value.kind === Kind.VARIABLE) bound.set(arg.name.value, arg.value.name.value);
  }
  return bound;
}

function requireBound(operation: string, bound: Map<string, string>, arg: string): string {
  const variable = bound.get(arg);
  if (!variable) throw new Error(`operation ${operation} must pass ${arg} as a variable so the SDK can page it`);
  return variable;
}

function pageLimit(field: GraphQLField<unknown, unknown>): { maxPageSize?: number } {
  const match = MAX_PAGE_SIZE.exec(field.args.find((a) => a.name === 'first')?.description ?? '');
  return match ? { maxPageSize: Number(match[1]!.replace(/,/g, '')) } : {};
}

function selection(set: SelectionSetNode | undefined, name: string): FieldNode | undefined {
  return set?.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === name);
}

function operationsOf(documents: ReadonlyArray<{ document?: DocumentNode }>): OperationDefinitionNode[] {
  return documents
    .flatMap((file) => file.document?.definitions ?? [])
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .sort((a, b) => (a.name?.value ?? '').localeCompare(b.name?.value ?? ''));
}

/** Whether the mutation operation's root field is declared `@idempotent` in the schema. */
export function isIdempotent(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  const root = rootField(operation);
  const field = schema.getMutationType()?.getFields()[root.name.value];
  if (!field) throw new Error(`operation ${operation.name?.value}: no mutation field ${root.name.value} in the schema`);
  return field.astNode?.directives?.some((d) => d.name.value === 'idempotent') ?? false;
}

/** The plugin: graphql-codegen calls it with the schema and the operation documents. */
export function plugin(schema: GraphQLSchema, documents: ReadonlyArray<{ document?: DocumentNode }>): string {
  const pagination: string[] = [];
  const idempotent: string[] = [];
  for (const operation of operationsOf(documents)) {
    if (operation.operation === 'mutation' && isIdempotent(schema, operation)) idempotent.push(`  '${operation.name!.value}',`);
    if (operation.operation !== 'query') continue;
    const paging = paginationOf(schema, operation);
    if (paging) pagination.push(`  ${operation.name!.value}: ${JSON.stringify(paging)},`);
  }
  return [
    '/**',
    ' * The mutations whose root field the schema declares `@idempotent`: the gateway replays a retry',
    ' * with the same Idempotency-Key, so the SDK may retry them after any transient failure.',
    ' */',
    'export const IDEMPOTENT_MUTATIONS: ReadonlySet<string> = new Set([',
    ...idempotent,
    ']);',
    '',
    '/** How each list query pages: a plain list, `offset`/`first`, or a cursor connection (`after`/`first`). */',
    'export const PAGINATION = {',
    ...pagination,
    '} as const;',
    '',
  ].join('\n');
}
