import {
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLError,
  isListType,
  Kind,
  visit,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/** Arguments that set how many items a list field returns. */
const PAGE_ARGUMENTS = ['first', 'last', 'limit'];

/** Options of {@link pageSizeEstimator}. */
export interface PageSizeEstimatorOptions {
  /** Items assumed for a page argument that is absent and has no default, default `50`. */
  defaultPageSize?: number;
  /** Items assumed for a list field without a page argument, default `10`. */
  listSize?: number;
}

/**
 * Every field costs 1 plus its selections, times the items it returns: its page argument
 * (`first`, `last` or `limit`, as given or defaulted), `listSize` for another list field, 1 for
 * anything else. A connection's `nodes` and `edges` are its page, already counted once.
 * So `leads(first: 500) { nodes { id } }` costs 500 × (1 + 2) = 1,500, and `first: 10` 30.
 */
export function pageSizeEstimator({ defaultPageSize = 50, listSize = 10 }: PageSizeEstimatorOptions = {}): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    const page = field.args.find((a) => PAGE_ARGUMENTS.includes(a.name) && getNamedType(a.type).name === 'Int');
    let items = 1;
    if (page) {
      const given = args[page.name];
      items = typeof given === 'number' && given > 0 ? given : defaultPageSize;
    } else if (isListType(getNullableType(field.type)) && !type.name.endsWith('Connection')) {
      items = listSize;
    }
    return items * (1 + childComplexity);
  };
}

/** What {@link operationCost} needs of a request. */
export interface CostedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName?: string | null;
  variables?: Record<string, unknown>;
}

/** A GRAPHQL_VALIDATION_FAILED refusal (HTTP 400) naming the cost limit. */
export const costLimitError = (max: number, cost: number | null) =>
  new GraphQLError(
    `Syntax Error: Query Cost limit of ${max} exceeded${cost === null ? '' : `, found ${cost}`}. Ask for smaller pages (first) or fewer fields.`,
    {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
    },
  );

/**
 * The operation's estimated cost (graphql-query-complexity with {@link pageSizeEstimator}); throws
 * {@link costLimitError} above `max`. Runs after validation, when variables are known; with
 * variables that do not fit the operation it returns null, as the operation will not run (the
 * execution refuses them, BAD_USER_INPUT).
 */
export function checkOperationCost(operation: CostedOperation, max: number, estimator = pageSizeEstimator()): number | null {
  const coerced = getVariableValues(operation.schema, operation.operation.variableDefinitions ?? [], operation.variables ?? {}, {
    maxErrors: 1,
  });
  if (coerced.errors) return null;
  let cost: number;
  try {
    cost = getComplexity({
      schema: operation.schema,
      query: operation.document,
      operationName: operation.operationName ?? undefined,
      variables: operation.variables,
      estimators: [estimator],
    });
  } catch {
    // With valid variables only a document too large to walk (over 10,000 nodes) fails: over any limit.
    throw costLimitError(max, null);
  }
  if (cost > max) throw costLimitError(max, cost);
  return cost;
}

/**
 * The variables an operation's cost depends on: those given to a page argument or to the `if` of
 * `@skip`/`@include` anywhere in the document. Nothing else of the variables changes the cost.
 */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if (node.value.kind === Kind.VARIABLE && (PAGE_ARGUMENTS.includes(node.name.value) || node.name.value === 'if'))
        names.add(node.value.name.value);
    },
  });
  return [...names];
}

/** Costs kept per parsed document (Apollo reuses the document of a query it has seen). */
const MAX_COSTS_PER_DOCUMENT = 64;

/**
 * {@link checkOperationCost} with the cost remembered per document, operation and the values of
 * the variables it depends on (see {@link costVariables}): the same query with other values costs
 * a map lookup, not a walk of the document. Returns a check that throws above `max`.
 */
export function cachedCostCheck(max: number, estimator = pageSizeEstimator()) {
  const documents = new WeakMap<DocumentNode, { variables: string[]; costs: Map<string, number> }>();
  return (operation: CostedOperation): void => {
    let entry = documents.get(operation.document);
    if (!entry) {
      entry = { variables: costVariables(operation.document), costs: new Map() };
      documents.set(operation.document, entry);
    }
    const key = `${operation.operationName ?? ''}\u0000${JSON.stringify(entry.variables.map((name) => operation.variables?.[name] ?? null))}`;
    const known = entry.costs.get(key);
    if (known !== undefined) {
      if (known > max) throw costLimitError(max, known);
      return;
    }
    // Throws above max: refusals are not remembered.
    const cost = checkOperationCost(operation, max, estimator);
    if (cost === null) return;
    if (entry.costs.size >= MAX_COSTS_PER_DOCUMENT) entry.costs.clear();
    entry.costs.set(key, cost);
  };
}
