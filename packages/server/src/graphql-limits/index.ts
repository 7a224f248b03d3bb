export { graphqlLimitsOf, LIMIT_CODES, type GraphQLLimits } from './limits.js';
export { limitValidationRules } from './validation-rules.js';
export {
  cachedCostCheck,
  checkOperationCost,
  costLimitError,
  pageSizeEstimator,
  type CostedOperation,
  type PageSizeEstimatorOptions,
} from './cost.js';
export { deadlinePlugin, queryRootFieldsTakeTurns } from './deadline.plugin.js';
export { responseSizeCap } from './response-cap.js';
export { rootFields } from './root-fields.js';
export { tokenLimitParseOptions } from './tokens.js';
