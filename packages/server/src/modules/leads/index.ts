export { Lead } from './lead.entity.js';
export { LeadStatus, LeadDoor } from './lead-enums.js';
export { ReasonCode, reasonMessage } from './reason-code.js';
export { LeadDecision } from './lead-decision.js';
export type { LeadDraft, NormalizedLead } from './lead-draft.js';
export { IntakeService, type IntakeOptions } from './intake.service.js';
export { LeadService } from './lead.service.js';
export { LeadResolver } from './lead.resolver.js';
export { PIPELINE, runPipeline } from './pipeline.js';
