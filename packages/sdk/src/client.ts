import { GraphQLClient } from 'graphql-request';
import { getSdk, type Sdk } from './_generated/graphql.js';
import { createPaginators, type Paginators } from './paginate.js';
import {
  createRequestWrapper,
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_RETRY_AFTER_MS,
  DEFAULT_TIMEOUT_MS,
  fetchWithTimeout,
  IDEMPOTENCY_KEY_HEADER,
} from './requester.js';

/** Options for {@link createClient}. */
export interface LeadgateClientOptions {
  /**
   * The gateway's GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. A bare origin
   * (`http://127.0.0.1:4000`) gets `/graphql` appended.
   */
  url: string;
  /**
   * The API key, sent as `Authorization: Bearer <apiKey>`: an account key from `createApiKey`
   * (shown once), or the platform admin key the gateway printed on first start.
   */
  apiKey: string;
  /** The `fetch` to use, default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /**
   * Extra headers for every request, default none. They cannot replace `Authorization`, and an
   * `Idempotency-Key` here is dropped: one key for every call would make them all one call.
   */
  headers?: Record<string, string>;
  /**
   * Retries after a failed attempt, default `2`: on network errors and timeouts, HTTP 429 and
   * 5xx, never on an answer such as UNAUTHENTICATED or BAD_USER_INPUT. `0` disables them.
   */
  maxRetries?: number;
  /** Time allowed for each attempt, in milliseconds, default `30000` (30 s). */
  timeoutMs?: number;
  /**
   * The longest `Retry-After` of a 429 (rate limit) the SDK waits out before retrying, in
   * milliseconds, default `60000` (one minute, the gateway's rate-limit window). A longer one fails
   * at once with a `RateLimitError` whose `retryAfterMs` says how long to wait. `0` never waits.
   */
  maxRetryAfterMs?: number;
}

/** Per-call options, the optional last argument of every {@link LeadgateClient} method. */
export interface RequestOptions {
  /**
   * The `Idempotency-Key` to send with a mutation, default a random UUID made once per call and
   * reused by its retries. Ignored for queries, which never send one.
   */
  idempotencyKey?: string;
  /** Overrides the client's `maxRetries` (default `2`) for this call. */
  maxRetries?: number;
  /** Overrides the client's `timeoutMs` (default `30000`) for each attempt of this call. */
  timeoutMs?: number;
  /** Overrides the client's `maxRetryAfterMs` (default `60000`) for this call. */
  maxRetryAfterMs?: number;
  /** Aborts the call, retries included; it then rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Extra headers for this call, default none. An `Authorization` here replaces the client's for
   * this call; an `Idempotency-Key` here is taken as {@link RequestOptions.idempotencyKey}.
   */
  headers?: Record<string, string>;
}

/** The name of every operation in `src/operations/*.graphql`, e.g. `submitLead`. */
export type OperationName = keyof Sdk;

/** What an operation resolves to: its one root field, e.g. the `LeadDecision` of `submitLead`. */
export type OperationResult<K extends OperationName> =
  Awaited<ReturnType<Sdk[K]>> extends infer Data ? (K extends keyof Data ? Data[K] : never) : never;

/** What an operation takes; `variables` may be left out when none is required. */
export type OperationVariables<K extends OperationName> = Parameters<Sdk[K]>[0];

type OperationMethod<K extends OperationName> =
  undefined extends OperationVariables<K>
    ? (variables?: OperationVariables<K>, options?: RequestOptions) => Promise<OperationResult<K>>
    : (variables: OperationVariables<K>, options?: RequestOptions) => Promise<OperationResult<K>>;

/**
 * A client for the Leadgate GraphQL API: one method per operation, named after it, taking its
 * variables and optional {@link RequestOptions}, resolving to the operation's root field
 * (`client.submitLead({ input })` resolves to the `LeadDecision`), and rejecting with a
 * `LeadgateError` subclass. `paginate` walks every connection and list page by page.
 */
export type LeadgateClient = { readonly [K in OperationName]: OperationMethod<K> } & {
  /** Async iterators over every connection and list query: `for await (const lead of client.paginate.leads({ filter }))`. */
  readonly paginate: Paginators;
};

// Each operation is named after its one root field, which is what the client returns. The check
// below fails to compile, naming the operation, if one in src/operations breaks that rule.
type MisnamedOperation = { [K in OperationName]: K extends keyof Awaited<ReturnType<Sdk[K]>> ? never : K }[OperationName];
type RequireNone<T extends never> = T;
type OperationNamesChecked = RequireNone<MisnamedOperation>;

// getSdk only builds closures around the client, so a placeholder is enough to list the names.
const OPERATION_NAMES = Object.keys(getSdk(undefined as unknown as GraphQLClient)) as OperationName[];

type AnyOperation = (variables: unknown, requestHeaders?: Record<string, string>, signal?: AbortSignal) => Promise<Record<string, unknown>>;

interface ParsedOptions {
  url: string;
  headers: Record<string, string>;
  fetch: typeof fetch;
  maxRetries: number;
  timeoutMs: number;
  maxRetryAfterMs: number;
}

/**
 * Creates a {@link LeadgateClient}. Checks the options at once and throws a `TypeError` that
 * says what to pass.
 *
 * @example
 * const leadgate = createClient({ url: 'http://127.0.0.1:4000/graphql', apiKey: process.env.LEADGATE_API_KEY! });
 * const decision = await leadgate.submitLead({ input: { campaignId, first: 'Ada', phone: '213-555-0147' } });
 * if (decision.status === 'REJECTED') console.log(decision.reasonCode, decision.message);
 */
export function createClient(options: LeadgateClientOptions): LeadgateClient {
  const parsed = parseClientOptions(options);
  const client: Partial<Record<OperationName, unknown>> = {};
  for (const name of OPERATION_NAMES) {
    client[name] = async (variables?: unknown, requestOptions: RequestOptions = {}) => {
      const call = parseRequestOptions(requestOptions, parsed);
      const graphQLClient = new GraphQLClient(parsed.url, {
        headers: parsed.headers,
        fetch: fetchWithTimeout(parsed.fetch, call.timeoutMs),
      });
      const wrapper = createRequestWrapper({
        maxRetries: call.maxRetries,
        maxRetryAfterMs: call.maxRetryAfterMs,
        idempotencyKey: call.idempotencyKey,
        signal: requestOptions.signal,
        url: parsed.url,
      });
      const operation = getSdk(graphQLClient, wrapper)[name] as unknown as AnyOperation;
      const data = await operation(variables, call.headers, requestOptions.signal);
      return data[name];
    };
  }
  const methods = client as Record<OperationName, (variables: unknown, options: RequestOptions) => Promise<unknown>>;
  return Object.freeze({ ...client, paginate: createPaginators((name) => methods[name]) }) as LeadgateClient;
}

function parseClientOptions(options: LeadgateClientOptions): ParsedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createClient needs an options object: createClient({ url, apiKey })');
  }
  const { apiKey } = options;
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new TypeError(
      'createClient: apiKey is required: pass an API key from createApiKey (shown once), or the platform admin key the gateway printed on first start',
    );
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new TypeError('createClient: no fetch available: use Node 20 or later, or pass one as options.fetch');
  }
  // Through Headers, so names are lower-cased and cannot clash with the SDK's own by case.
  const headers = new Headers(options.headers);
  headers.set('authorization', `Bearer ${apiKey.trim()}`);
  headers.delete(IDEMPOTENCY_KEY_HEADER);
  return {
    url: parseUrl(options.url),
    headers: Object.fromEntries(headers),
    fetch: fetchImpl,
    maxRetries: checkInteger('maxRetries', options.maxRetries, DEFAULT_MAX_RETRIES, 0, 10),
    timeoutMs: checkInteger('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS, 1, 600_000),
    maxRetryAfterMs: checkInteger('maxRetryAfterMs', options.maxRetryAfterMs, DEFAULT_MAX_RETRY_AFTER_MS, 0, 3_600_000),
  };
}

interface ParsedRequestOptions {
  maxRetries: number;
  timeoutMs: number;
  maxRetryAfterMs: number;
  idempotencyKey: string | undefined;
  headers: Record<string, string>;
}

function parseRequestOptions(options: RequestOptions, client: ParsedOptions): ParsedRequestOptions {
  const headers = new Headers(options.headers);
  // The wrapper sends the key itself, so every retry carries the same one.
  const idempotencyKey = options.idempotencyKey ?? headers.get(IDEMPOTENCY_KEY_HEADER) ?? undefined;
  headers.delete(IDEMPOTENCY_KEY_HEADER);
  if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
    throw new TypeError('idempotencyKey must be 1-255 printable ASCII characters without spaces');
  }
  return {
    maxRetries: checkInteger('maxRetries', options.maxRetries, client.maxRetries, 0, 10),
    timeoutMs: checkInteger('timeoutMs', options.timeoutMs, client.timeoutMs, 1, 600_000),
    maxRetryAfterMs: checkInteger('maxRetryAfterMs', options.maxRetryAfterMs, client.maxRetryAfterMs, 0, 3_600_000),
    idempotencyKey,
    headers: Object.fromEntries(headers),
  };
}

function parseUrl(raw: unknown): string {
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    throw new TypeError(
      `createClient: url must be the gateway's GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql (got ${JSON.stringify(raw)})`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`createClient: url must start with http:// or https:// (got ${JSON.stringify(raw)})`);
  }
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/graphql';
  return url.toString();
}

function checkInteger(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`${name} must be an integer from ${min} to ${max} (got ${String(value)})`);
  }
  return value;
}
