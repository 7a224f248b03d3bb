import { defineModule } from '../../gateway-module.js';
import type { ConfigChanges } from '../../shared/config-changes.js';
import { InstructionsResolver } from './instructions.resolver.js';
import { instructionsRoutes } from './instructions.route.js';
import { InstructionsService } from './instructions.service.js';
import type { DialerReplyExamples, ReplyExamples } from './instructions.types.js';

export const instructionsModule = defineModule({
  name: 'instructions',
  services: ({
    configChanges,
    optaReplies,
    dialerReplies,
  }: {
    configChanges: ConfigChanges;
    optaReplies: ReplyExamples;
    dialerReplies: DialerReplyExamples;
  }) => ({
    instructions: new InstructionsService(optaReplies, configChanges, dialerReplies),
  }),
  resolvers: ({ instructions }) => [new InstructionsResolver(instructions)],
  routes: (app, { orm, services }) => instructionsRoutes(app, { orm, instructions: services.instructions }),
});
