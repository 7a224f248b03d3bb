import { defineModule } from '../../gateway-module.js';
import type { RateLimitService } from '../../rate-limit/index.js';
import type { ReplyExamples } from '../../modules/instructions/instructions.types.js';
import type { IntakeService } from '../../modules/intake/index.js';
import { optaReplyExamples } from './ca-submit.mapper.js';
import { optaRoutes } from './ca-submit.route.js';

/** The Opta door, `POST /ca/submit`. */
export const optaDoor = defineModule<{ intake: IntakeService; rateLimits: RateLimitService }, { optaReplies: ReplyExamples }>({
  name: 'opta door',
  // The posting-instructions page documents this door's replies.
  services: () => ({ optaReplies: optaReplyExamples }),
  routes: (app, { orm, services, authenticate }) =>
    optaRoutes(app, { orm, authenticate, rateLimits: services.rateLimits, intake: services.intake }),
});
