import { defineModule } from '../../gateway-module.js';
import { ApiKeyResolver } from './api-key.resolver.js';
import { ApiKeyService } from './api-key.service.js';

export const apiKeysModule = defineModule({
  name: 'api-keys',
  services: () => ({ apiKeys: new ApiKeyService() }),
  resolvers: ({ apiKeys }) => [new ApiKeyResolver(apiKeys)],
});
