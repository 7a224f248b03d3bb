import { defineModule } from '../../gateway-module.js';
import type { ConfigChanges } from '../../shared/config-changes.js';
import { BlockResolver } from './block.resolver.js';
import { BlockService } from './block.service.js';

export const blocksModule = defineModule({
  name: 'blocks',
  services: ({ configChanges }: { configChanges: ConfigChanges }) => ({ blocks: new BlockService(configChanges) }),
  resolvers: ({ blocks }) => [new BlockResolver(blocks)],
});
