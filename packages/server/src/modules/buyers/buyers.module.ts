import { defineModule } from '../../gateway-module.js';
import type { ConfigChanges } from '../../shared/config-changes.js';
import { BuyerResolver } from './buyer.resolver.js';
import { BuyerService, type BuyersChanged } from './buyer.service.js';
import { LeadSalesResolver } from './lead-sales.resolver.js';
import { PriceRuleResolver } from './price-rule.resolver.js';

export const buyersModule = defineModule({
  name: 'buyers',
  // A buyer that appears, resumes or gets room is offered the account's pending leads at once.
  services: ({
    redistribution,
    configChanges,
  }: {
    redistribution: { forAccount: (...args: Parameters<BuyersChanged>) => Promise<unknown> };
    configChanges: ConfigChanges;
  }) => ({
    buyers: new BuyerService((em, accountId) => redistribution.forAccount(em, accountId).then(() => undefined), configChanges),
  }),
  resolvers: ({ buyers }) => [new BuyerResolver(buyers), new PriceRuleResolver(), new LeadSalesResolver()],
});
