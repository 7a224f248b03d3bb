export { ApiKey } from './api-key.entity.js';
export { ApiKeyService, API_KEY_PREFIX, issueKey } from './api-key.service.js';
export { ApiKeyResolver } from './api-key.resolver.js';
