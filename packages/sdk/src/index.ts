// What leaves @leadgate/sdk: the client, its errors and helpers, and every generated type (each
// input, enum and fragment of the schema the operations use, and each operation's variables and
// result), so callers never need a deep import.
export {
  createClient,
  type LeadgateClient,
  type LeadgateClientOptions,
  type OperationName,
  type OperationResult,
  type OperationVariables,
  type RequestOptions,
} from './client.js';
export {
  DEFAULT_PAGE_SIZE,
  type PaginatedItem,
  type PaginatedOperation,
  type PaginateOptions,
  type PaginateVariables,
  type Paginators,
} from './paginate.js';
export {
  LeadgateError,
  AuthenticationError,
  PermissionError,
  InvalidInputError,
  NotFoundError,
  ConflictError,
  RateLimitError,
  ConnectionError,
  ApiError,
  type LeadgateErrorCode,
  type LeadgateGraphQLError,
} from './errors.js';
export { DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_AFTER_MS, DEFAULT_TIMEOUT_MS, IDEMPOTENCY_KEY_HEADER } from './requester.js';
export { verifySignature, type VerifySignatureOptions } from './signature.js';
export type * from './_generated/graphql.js';
/** Every generated type under one name, as before: `LeadgateDocument.SubmitLeadInput`. */
export type * as LeadgateDocument from './_generated/graphql.js';
export { subscribeToLeads, liveFeedUrl, type LiveFeed, type LiveFeedOptions, type LeadFeedEvent } from './live-feed.js';
