// What leaves @leadgate/sdk. Everything generated stays under LeadgateDocument, except the input,
// enum and fragment types callers name in their own code.
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
export { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, IDEMPOTENCY_KEY_HEADER } from './requester.js';
export { verifySignature, type VerifySignatureOptions } from './signature.js';
export type {
  // Inputs
  CreateAccountInput,
  CreateCampaignInput,
  UpdateCampaignInput,
  CapsInput,
  ConditionInput,
  CustomFieldInput,
  DuplicateCheckInput,
  NamedRuleInput,
  ScheduleWindowInput,
  StateTargetingInput,
  CreateSourceInput,
  ApproveSourceInput,
  CreateApiKeyInput,
  SubmitLeadInput,
  LeadFilter,
  // Enums (string unions)
  ApiKeyRole,
  BlockKind,
  CampaignStatus,
  ConditionOperator,
  ConsentRequirement,
  CustomFieldType,
  DuplicateKey,
  LeadDoor,
  LeadStatus,
  ListMode,
  ReasonCode,
  RuleKind,
  StageOutcome,
  Weekday,
  // What the operations return
  AccountFieldsFragment,
  ApiKeyFieldsFragment,
  BlockedValueFieldsFragment,
  CampaignFieldsFragment,
  CapsFieldsFragment,
  SourceFieldsFragment,
  SourceCampaignFieldsFragment,
  LeadDecisionFieldsFragment,
  LeadFieldsFragment,
  TraceEntryFieldsFragment,
} from './_generated/graphql.js';
/** Every generated type: inputs, enums, fragments, and each operation's variables and result. */
export type * as LeadgateDocument from './_generated/graphql.js';
