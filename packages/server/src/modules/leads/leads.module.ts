import { defineModule } from '../../gateway-module.js';
import { LeadResolver } from './lead.resolver.js';
import { LeadService } from './lead.service.js';

export const leadsModule = defineModule({
  name: 'leads',
  services: () => ({ leads: new LeadService() }),
  resolvers: ({ leads }) => [new LeadResolver(leads)],
});
