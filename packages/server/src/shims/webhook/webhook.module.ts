import { defineModule } from '../../gateway-module.js';
import type { WebhookService } from '../../modules/webhooks/index.js';
import { webhookRoutes } from './webhook.route.js';

/** The webhook door, `POST /webhook/:id`. */
export const webhookDoor = defineModule<{ webhooks: WebhookService }>({
  name: 'webhook door',
  routes: (app, { orm, services }) => webhookRoutes(app, { orm, webhooks: services.webhooks }),
});
