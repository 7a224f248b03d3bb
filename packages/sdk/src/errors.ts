/**
 * The SDK's typed errors. Every failed call rejects with a {@link LeadgateError} subclass built
 * by {@link toLeadgateError}: the class follows the server's `extensions.code`, falling back to
 * the HTTP status, and {@link ApiError} for anything else. Rejected leads are not errors: they
 * come back as a `LeadDecision` with `status: 'REJECTED'`.
 */

/** One entry of a GraphQL response's `errors`, as the gateway sends it. */
export interface LeadgateGraphQLError {
  message: string;
  path?: ReadonlyArray<string | number>;
  /** `code` plus caller-safe details, e.g. `field` for BAD_USER_INPUT. */
  extensions?: Record<string, unknown>;
}

/**
 * What {@link LeadgateError.code} can be: the gateway's `extensions.code` values, plus
 * `CONNECTION_ERROR` (no response) and `UNKNOWN` (a response the SDK could not read). Codes
 * the gateway adds later pass through as strings.
 */
export type LeadgateErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR'
  | 'CONNECTION_ERROR'
  | 'UNKNOWN'
  | (string & {});

/** The fields every {@link LeadgateError} is built from. */
export interface LeadgateErrorInit {
  message: string;
  code: LeadgateErrorCode;
  /** HTTP status of the response; absent when none arrived. */
  status?: number;
  /** The gateway's `X-Request-Id`, to quote when reporting a problem. */
  requestId?: string;
  /** The operation that failed, e.g. `submitLead`. */
  operationName?: string;
  errors?: readonly LeadgateGraphQLError[];
  /** `Retry-After` of a 429, in milliseconds. */
  retryAfterMs?: number;
  /** The underlying error (graphql-request's ClientError, fetch's TypeError, …). */
  cause?: unknown;
}

/** Base class of every error the SDK throws. */
export class LeadgateError extends Error {
  /** The gateway's `extensions.code` (e.g. `NOT_FOUND`), or one derived from the HTTP status. */
  readonly code: LeadgateErrorCode;
  /** HTTP status of the response; `undefined` when none arrived. */
  readonly status: number | undefined;
  /** The gateway's `X-Request-Id`, to quote when reporting a problem. */
  readonly requestId: string | undefined;
  /** The operation that failed, e.g. `submitLead`. */
  readonly operationName: string | undefined;
  /** Every GraphQL error in the response; empty when there was no GraphQL body. */
  readonly errors: readonly LeadgateGraphQLError[];

  constructor(init: LeadgateErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.code = init.code;
    this.status = init.status;
    this.requestId = init.requestId;
    this.operationName = init.operationName;
    this.errors = init.errors ?? [];
  }
}

/** The API key is missing, wrong or revoked (`UNAUTHENTICATED`). */
export class AuthenticationError extends LeadgateError {}

/** The API key is valid but may not do this (`FORBIDDEN`). */
export class PermissionError extends LeadgateError {}

/** The input was refused (`BAD_USER_INPUT`); {@link InvalidInputError.field} names the field when known. */
export class InvalidInputError extends LeadgateError {
  /** The offending input field, from `extensions.field`, when the gateway names one. */
  readonly field: string | undefined;

  constructor(init: LeadgateErrorInit) {
    super(init);
    const field = init.errors?.[0]?.extensions?.field;
    this.field = typeof field === 'string' ? field : undefined;
  }
}

/** The record does not exist, or belongs to another account (`NOT_FOUND`). */
export class NotFoundError extends LeadgateError {}

/** The change clashes with existing data, e.g. a taken slug (`CONFLICT`). */
export class ConflictError extends LeadgateError {}

/** Too many requests (`RATE_LIMITED` or HTTP 429); still failing after the SDK's retries. */
export class RateLimitError extends LeadgateError {
  /** How long the gateway asked to wait (`Retry-After`), in milliseconds, when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(init: LeadgateErrorInit) {
    super(init);
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** No response: DNS, refused or reset connection, or the per-attempt timeout (`CONNECTION_ERROR`). */
export class ConnectionError extends LeadgateError {}

/** Any other failure: a server error, a code this SDK does not know, an unreadable response. */
export class ApiError extends LeadgateError {}

type ErrorClass = new (init: LeadgateErrorInit) => LeadgateError;

const CLASS_BY_CODE: Record<string, ErrorClass> = {
  UNAUTHENTICATED: AuthenticationError,
  FORBIDDEN: PermissionError,
  BAD_USER_INPUT: InvalidInputError,
  NOT_FOUND: NotFoundError,
  CONFLICT: ConflictError,
  RATE_LIMITED: RateLimitError,
};

/** The SDK error class for a gateway error code ({@link ApiError} for codes it does not know). */
export const errorClassFor = (code: string): ErrorClass => CLASS_BY_CODE[code] ?? ApiError;

// Used only when the body has no `extensions.code` (a proxy's reply, a body that is not GraphQL).
const CODE_BY_STATUS: Record<number, LeadgateErrorCode> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'RATE_LIMITED',
};

/** Context {@link toLeadgateError} adds to the error. */
export interface ErrorContext {
  operationName?: string;
  /** The endpoint, named in connection error messages. */
  url?: string;
}

/** The part of graphql-request's `ClientError` the SDK reads. */
interface ClientErrorLike extends Error {
  response: {
    status: number;
    headers?: Headers;
    errors?: LeadgateGraphQLError[];
  };
}

/**
 * Turns anything a call can throw into a {@link LeadgateError}: a GraphQL or HTTP error
 * response (graphql-request's `ClientError`), a network failure or timeout, or anything else.
 * A {@link LeadgateError} passes through unchanged.
 */
export function toLeadgateError(error: unknown, context: ErrorContext = {}): LeadgateError {
  if (error instanceof LeadgateError) return error;
  const { operationName } = context;
  if (isClientError(error)) {
    const { status, headers } = error.response;
    const errors = Array.isArray(error.response.errors) ? error.response.errors : [];
    const first = errors[0];
    const extensionCode = first?.extensions?.code;
    const code: LeadgateErrorCode =
      typeof extensionCode === 'string' ? extensionCode : (CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'UNKNOWN'));
    const ErrorClass = CLASS_BY_CODE[code] ?? (status === 429 ? RateLimitError : ApiError);
    return new ErrorClass({
      message: first?.message ?? `The Leadgate API answered HTTP ${status}`,
      code,
      status,
      requestId: headers?.get('x-request-id') ?? undefined,
      operationName,
      errors,
      retryAfterMs: parseRetryAfter(headers?.get('retry-after')),
      cause: error,
    });
  }
  if (isNetworkError(error)) {
    const where = context.url ? ` at ${context.url}` : '';
    const timedOut = (error as Error).name === 'TimeoutError';
    const reason = timedOut ? 'the request timed out' : describeCause(error as Error);
    return new ConnectionError({
      message: `Could not reach the Leadgate API${where}: ${reason}`,
      code: 'CONNECTION_ERROR',
      operationName,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError({ message: `Unexpected response from the Leadgate API: ${message}`, code: 'UNKNOWN', operationName, cause: error });
}

function isClientError(error: unknown): error is ClientErrorLike {
  if (!(error instanceof Error) || !('response' in error)) return false;
  const response = (error as { response: unknown }).response;
  return typeof response === 'object' && response !== null && typeof (response as { status?: unknown }).status === 'number';
}

// fetch reports every network failure as a TypeError (per the Fetch standard); a timeout from
// AbortSignal.timeout is a DOMException named TimeoutError; Node's own socket errors carry a code.
function isNetworkError(error: unknown): boolean {
  if (error instanceof TypeError) return true;
  if (!(error instanceof Error)) return false;
  if (error.name === 'TimeoutError') return true;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code);
}

function describeCause(error: Error): string {
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.message} (${code})` : `${error.message} (${cause.message})`;
  }
  return error.message;
}

/** `Retry-After` as delta-seconds or an HTTP date, in milliseconds; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
