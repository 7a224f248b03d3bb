import { defineModule } from '../../gateway-module.js';
import type { IntakeService } from '../intake/index.js';
import { DialerCampaignResolver } from './dialer-campaign.resolver.js';
import { DialerCampaignService } from './dialer-campaign.service.js';
import { DialerInsertService } from './dialer-insert.service.js';
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
  services: ({ now, intake }: { now: () => Date; intake: IntakeService }) => {
    const dialerCampaigns = new DialerCampaignService();
    const dialerLists = new DialerListService(dialerCampaigns);
    return {
      dialerCampaigns,
      dialerLists,
      dialerLeads: new DialerLeadService(dialerLists),
      dialerInserts: new DialerInsertService(intake, now),
      hopper: new HopperService(now, dialerLists),
      dnc: new DncService(dialerCampaigns),
    };
  },
  resolvers: (s) => [
    new DialerCampaignResolver(s.dialerCampaigns), new DialerListResolver(s.dialerLists, s.now), new DialerLeadResolver(s.dialerInserts, s.dialerLeads),
    new HopperResolver(s.hopper), new DncResolver(s.dnc),
  ],
});
