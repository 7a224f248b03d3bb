/**
 * Auto-paging: one async iterator per list query, which fetches the next page only when the
 * caller has consumed the previous one, so a `break` stops fetching. How each query pages (a
 * cursor connection, `offset`/`first`, or a plain list) is read from the schema at codegen time
 * (`_generated/operation-policy.ts`).
 */
import { PAGINATION } from './_generated/operation-policy.js';
import type { OperationName, OperationResult, OperationVariables, RequestOptions } from './client.js';

/** Items per request when {@link PaginateOptions.pageSize} is not given. */
export const DEFAULT_PAGE_SIZE = 100;

/** Every query `client.paginate` can walk: each connection and each list. */
export type PaginatedOperation = keyof typeof PAGINATION & OperationName;

type Spec = (typeof PAGINATION)[PaginatedOperation];
type PagingVariableOf<S> = S extends { sizeVariable: infer A; offsetVariable: infer B }
  ? A | B
  : S extends { sizeVariable: infer A; cursorVariable: infer B }
    ? A | B
    : never;

/** What a paginated query takes: its variables without the paging ones, which the iterator sets. */
export type PaginateVariables<K extends PaginatedOperation> = Omit<
  NonNullable<OperationVariables<K>>,
  PagingVariableOf<(typeof PAGINATION)[K]> & string
>;

/** One item of a paginated query: a connection's node, or a list's element. */
export type PaginatedItem<K extends PaginatedOperation> =
  OperationResult<K> extends ReadonlyArray<infer T> ? T : OperationResult<K> extends { nodes: ReadonlyArray<infer T> } ? T : never;

/** Options of `client.paginate.*`: those of every call (applied to each page), plus paging. */
export interface PaginateOptions extends Omit<RequestOptions, 'idempotencyKey'> {
  /**
   * Items per request, default `100` (queries that return a whole list in one answer ignore it).
   * At most the query's own limit, e.g. 500 for `leads`.
   */
  pageSize?: number;
  /** Stop after this many items, default no limit. A `break` out of the loop stops too. */
  limit?: number;
}

type PaginatorMethod<K extends PaginatedOperation> =
  {} extends PaginateVariables<K>
    ? (variables?: PaginateVariables<K>, options?: PaginateOptions) => AsyncIterableIterator<PaginatedItem<K>>
    : (variables: PaginateVariables<K>, options?: PaginateOptions) => AsyncIterableIterator<PaginatedItem<K>>;

/**
 * `client.paginate`: for every connection and list query, an async iterator over its items.
 *
 * @example
 * for await (const lead of client.paginate.leads({ filter: { campaignId } }, { pageSize: 200 })) {
 *   if (lead.status === 'REJECTED') break; // stops fetching
 * }
 */
export type Paginators = { readonly [K in PaginatedOperation]: PaginatorMethod<K> };

type Call = (variables: Record<string, unknown>, options: RequestOptions) => Promise<unknown>;

/** Builds {@link Paginators} over `call(operation)`, the client's own method for each operation. */
export function createPaginators(call: (operation: PaginatedOperation) => Call): Paginators {
  const paginators: Partial<Record<PaginatedOperation, unknown>> = {};
  for (const operation of Object.keys(PAGINATION) as PaginatedOperation[]) {
    paginators[operation] = (variables: Record<string, unknown> = {}, options: PaginateOptions = {}) =>
      paginate(operation, call(operation), variables, options);
  }
  return Object.freeze(paginators) as Paginators;
}

// Options are checked when the iterator is made, so a mistake throws where it was written.
function paginate(
  operation: PaginatedOperation,
  call: Call,
  variables: Record<string, unknown>,
  options: PaginateOptions,
): AsyncIterableIterator<unknown> {
  const spec: Spec = PAGINATION[operation];
  const { pageSize: _pageSize, limit: _limit, ...requestOptions } = options;
  const maxPageSize = 'maxPageSize' in spec ? spec.maxPageSize : Number.MAX_SAFE_INTEGER;
  const pageSize = checkCount(`${operation}: pageSize`, options.pageSize, Math.min(DEFAULT_PAGE_SIZE, maxPageSize), maxPageSize);
  const limit = checkCount(`${operation}: limit`, options.limit, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER);
  return pages(spec, call, variables, requestOptions, pageSize, limit);
}

async function* pages(
  spec: Spec,
  call: Call,
  variables: Record<string, unknown>,
  requestOptions: RequestOptions,
  pageSize: number,
  limit: number,
): AsyncIterableIterator<unknown> {
  let yielded = 0;
  let offset = 0;
  let cursor: string | null = null;
  for (;;) {
    const page: Record<string, unknown> = { ...variables };
    if (spec.kind !== 'list') page[spec.sizeVariable] = Math.min(pageSize, limit - yielded);
    if (spec.kind === 'offset') page[spec.offsetVariable] = offset;
    if (spec.kind === 'cursor' && cursor !== null) page[spec.cursorVariable] = cursor;
    const result = await call(page, requestOptions);
    const connection =
      spec.kind === 'cursor' ? (result as { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } }) : undefined;
    const items = connection ? connection.nodes : (result as unknown[]);
    for (const item of items) {
      yield item;
      if (++yielded >= limit) return;
    }
    if (spec.kind === 'list') return;
    if (connection) {
      if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return;
      cursor = connection.pageInfo.endCursor;
    } else {
      // A short page is the last one.
      if (items.length < (page[spec.sizeVariable] as number)) return;
      offset += items.length;
    }
  }
}

function checkCount(name: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new TypeError(`${name} must be an integer from 1 to ${max} (got ${String(value)})`);
  }
  return value;
}
