export {
  IDEMPOTENT_DIRECTIVE,
  declareIdempotency,
  idempotencyOf,
  printSchemaWithIdempotency,
  type Idempotency,
} from './idempotent.directive.js';
export { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER, idempotencyPlugin } from './idempotency.plugin.js';
export { IdempotencyStore, hashIdempotencyKey } from './idempotency.store.js';
