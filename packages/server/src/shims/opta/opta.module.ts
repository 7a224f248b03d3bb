import { defineModule } from '../../gateway-module.js';
import type { ReplyExamples } from '../../modules/instructions/instructions.types.js';
import type { IntakeService } from '../../modules/intake/index.js';
import { optaReplyExamples } from './ca-submit.mapper.js';
import { optaRoutes } from './ca-submit.route.js';

/** The Opta door, `POST /ca/submit`. */
export const optaDoor = defineModule<{ intake: IntakeService }, { optaReplies: ReplyExamples }>({
  name: 'opta door',
  // The posting-instructions page documents this door's replies.
  services: () => ({ optaReplies: optaReplyExamples }),
  routes: (app, { orm, services }) => optaRoutes(app, { orm, intake: services.intake }),
});
