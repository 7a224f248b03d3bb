import { defineModule } from '../../gateway-module.js';
import { AccountResolver } from './account.resolver.js';
import { AccountService } from './account.service.js';

export const accountsModule = defineModule({
  name: 'accounts',
  services: () => ({ accounts: new AccountService() }),
  resolvers: ({ accounts }) => [new AccountResolver(accounts)],
});
