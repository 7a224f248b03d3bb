export { Lead } from './lead.entity.js';
export { LeadStatus, LeadDoor, ACCEPTED_STATUSES } from './lead-enums.js';
export { ReasonCode, reasonMessage } from './reason-code.js';
export { LeadDecision } from './lead-decision.js';
export { LeadService, resolveLeadScope, scopeQuery, type LeadScope } from './lead.service.js';
export { LeadConnection } from './lead-connection.js';
export { LeadFilter } from './lead.inputs.js';
export { LeadResolver } from './lead.resolver.js';
export { LeadEvents, type LeadDecidedEvent, type LeadDecidedListener } from './lead-events.js';
