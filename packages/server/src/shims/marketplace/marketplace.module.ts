import { defineModule } from '../../gateway-module.js';
import type { IntakeService } from '../../modules/intake/index.js';
import type { RateLimitService } from '../../rate-limit/index.js';
import { marketplaceRoutes } from './leads.route.js';

/** The lead marketplace door, `POST /api/leads`. */
export const marketplaceDoor = defineModule<{ intake: IntakeService; rateLimits: RateLimitService }>({
  name: 'marketplace door',
  routes: (app, { orm, services, authenticate }) =>
    marketplaceRoutes(app, { orm, authenticate, rateLimits: services.rateLimits, intake: services.intake }),
});
