import { defineModule } from '../../gateway-module.js';
import type { WebhookService } from '../../modules/webhooks/index.js';
import type { RateLimitService } from '../../rate-limit/index.js';
import { webhookRoutes } from './webhook.route.js';

/** The webhook door, `POST /webhook/:id`. */
export const webhookDoor = defineModule<{ webhooks: WebhookService; rateLimits: RateLimitService }>({
  name: 'webhook door',
  routes: (app, { orm, services, authenticate }) =>
    webhookRoutes(app, { orm, authenticate, rateLimits: services.rateLimits, webhooks: services.webhooks }),
});
