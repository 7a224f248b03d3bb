import { defineModule } from '../../gateway-module.js';
import { DialerCampaignResolver } from './dialer-campaign.resolver.js';
import { DialerCampaignService } from './dialer-campaign.service.js';
import { DialerLeadResolver } from './dialer-lead.resolver.js';
import { DialerLeadService } from './dialer-lead.service.js';
import { DialerListResolver } from './dialer-list.resolver.js';
import { DialerListService } from './dialer-list.service.js';
import { DncResolver } from './dnc.resolver.js';
import { DncService } from './dnc.service.js';
import { HopperResolver } from './hopper.resolver.js';
import { HopperService } from './hopper.service.js';

export const dialerModule = defineModule({
  name: 'dialer',
  services: ({ now }: { now: () => Date }) => {
    const dialerCampaigns = new DialerCampaignService();
    const dialerLists = new DialerListService(dialerCampaigns);
    return {
      dialerCampaigns,
      dialerLists,
      dialerLeads: new DialerLeadService(dialerLists),
      hopper: new HopperService(now, dialerLists),
      dnc: new DncService(dialerCampaigns),
    };
  },
  resolvers: (s) => [
    new DialerCampaignResolver(s.dialerCampaigns),
    new DialerListResolver(s.dialerLists, s.now),
    new DialerLeadResolver(s.dialerLeads),
    new HopperResolver(s.hopper),
    new DncResolver(s.dnc),
  ],
});
