export { InstructionsService } from './instructions.service.js';
export { InstructionsResolver } from './instructions.resolver.js';
export { instructionsRoutes } from './instructions.route.js';
export type { DialerReplyExamples, PostingInstructions, InstructionsField } from './instructions.types.js';
