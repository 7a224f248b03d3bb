export { Lead } from './lead.entity.js';
export { LeadStatus, LeadDoor, ACCEPTED_STATUSES } from './lead-enums.js';
export { ReasonCode, reasonMessage } from './reason-code.js';
export { LeadDecision } from './lead-decision.js';
export { LeadService } from './lead.service.js';
export { LeadResolver } from './lead.resolver.js';
export { LeadEvents, type LeadDecidedEvent, type LeadDecidedListener } from './lead-events.js';
