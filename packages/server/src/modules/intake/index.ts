export { IntakeService, type IntakeOptions, type SubmitOptions } from './intake.service.js';
export { IntakeResolver } from './intake.resolver.js';
export { IntakeCache } from './intake-cache.js';
export type { LeadDraft } from './lead-draft.js';
export type { LeadPlacement, StageFailure } from './lead-placement.js';
export { PIPELINE, runPipeline } from './pipeline.js';
