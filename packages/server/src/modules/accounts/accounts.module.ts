import { defineModule } from '../../gateway-module.js';
import type { ConfigChanges } from '../../shared/config-changes.js';
import { AccountResolver } from './account.resolver.js';
import { AccountService } from './account.service.js';

export const accountsModule = defineModule({
  name: 'accounts',
  services: ({ configChanges }: { configChanges: ConfigChanges }) => ({ accounts: new AccountService(configChanges) }),
  resolvers: ({ accounts }) => [new AccountResolver(accounts)],
});
