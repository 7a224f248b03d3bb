export {
  CONDITION_OPS,
  FIELD_NAME_PATTERN,
  MAX_CONDITION_DEPTH,
  MAX_CONDITION_NODES,
  MAX_LIST_VALUES,
  MAX_PATTERN_LENGTH,
  isConditionOp,
  type Condition,
  type ConditionOp,
  type FieldCondition,
  type Scalar,
} from './condition.js';
export { validateCondition, type ConditionValidation } from './validate-condition.js';
export { compileCondition, InvalidConditionError, type ConditionTest, type FieldGetter } from './compile-condition.js';
export { describeCondition } from './describe-condition.js';
export { PATTERN_FLAGS } from './pattern.js';
