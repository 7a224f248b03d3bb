export { IntakeService, type IntakeOptions, type SubmitOptions, type Submission, type Explanation } from './intake.service.js';
export { IntakeResolver } from './intake.resolver.js';
export { IntakeCache } from './intake-cache.js';
export type { LeadDraft } from './lead-draft.js';
export { PIPELINE, decide } from './pipeline.js';
export type { LeadStore } from './lead-store.js';
export { IntakeRefusal, RefusalReason, type Credentials } from './credentials.js';
export { LeadExplanation } from './lead-explanation.js';
