export { ApiKey } from './api-key.entity.js';
export { ApiKeyRole } from './api-key-role.js';
export { ApiKeyService, API_KEY_PREFIX, issueKey } from './api-key.service.js';
export { ApiKeyResolver } from './api-key.resolver.js';
export * from './caller.js';
export { hashSecret, secretMatches, newSecret } from './secrets.js';
export { maskedForReaders } from './reader-mask.middleware.js';
