import { defineModule } from '../../gateway-module.js';
import type { DialerReplyExamples } from '../../modules/instructions/index.js';
import { dialerRoutes, type DialerServices } from './dialer.routes.js';
import { errorBody, insertedBody } from './insert-lead.mapper.js';

/** The dialer doors, `/v1/leads/insert`, `/v1/leads/search` and `/v1/dnc/*`. */
export const dialerDoor = defineModule<DialerServices, { dialerReplies: DialerReplyExamples }>({
  name: 'dialer door',
  // The posting-instructions page of a dialer campaign's source documents this door's replies.
  services: () => ({ dialerReplies: { inserted: insertedBody, error: errorBody } }),
  routes: (app, { orm, services, authenticate }) => dialerRoutes(app, { orm, authenticate, rateLimits: services.rateLimits, services }),
});
