export { ApiKeyRole } from './api-key-role.js';
export * from './caller.js';
export { hashSecret, secretMatches, newSecret } from './secrets.js';
export { maskedForReaders } from './reader-mask.middleware.js';
export { ALLOW_ANONYMOUS, requireCallerForRootFields, type RootFieldsOf } from './root-field-access.js';
