export { DialerCampaign } from './dialer-campaign.entity.js';
export { DialerList } from './dialer-list.entity.js';
export { DialerLead } from './dialer-lead.entity.js';
export { HopperEntry } from './hopper-entry.entity.js';
export { HopperStatus } from './hopper-status.js';
export { DncNumber } from './dnc-number.entity.js';
export { DialerCampaignService } from './dialer-campaign.service.js';
export { DialerListService } from './dialer-list.service.js';
export { DialerLeadService } from './dialer-lead.service.js';
export {
  searchDialerLeads,
  MAX_LEAD_SEARCH_OFFSET,
  MAX_LEAD_SEARCH_PAGE,
  type DialerLeadPage,
  type DialerLeadSearch,
} from './dialer-lead-search.js';
export { HopperService } from './hopper.service.js';
export {
  DncService,
  MAX_DNC_OFFSET,
  MAX_DNC_PAGE,
  PURPOSE_LIST_ID,
  type DncPage,
  type DncSearch,
  type DncTarget,
  type DncTextFilter,
} from './dnc.service.js';
export { DialerCampaignResolver } from './dialer-campaign.resolver.js';
export { DialerListResolver } from './dialer-list.resolver.js';
export { DialerLeadResolver } from './dialer-lead.resolver.js';
export { HopperResolver } from './hopper.resolver.js';
export { DncResolver } from './dnc.resolver.js';
export { DIALER_CODES, dialerErrorFor, type DialerError } from './dialer-codes.js';
export {
  DuplicateScope,
  MatchOrder,
  INSERT_DEFAULTS,
  MAX_HOPPER_EXPIRY_MINUTES,
  type DialerInsertRequest,
} from './dialer-insert.request.js';
export { parseDialerId } from './dialer-ids.js';
export { dialerPhone } from './dialer-phone.js';
export {
  lockPhone,
  isOnDnc,
  isDuplicate,
  findMatch,
  placeLead,
  DialerMatchAppeared,
  type DialerPlacement,
  type SearchScope,
} from './dialer-checks.js';
