import { defineModule } from '../../gateway-module.js';
import type { IntakeService } from '../intake/index.js';
import { WebhookResolver } from './webhook.resolver.js';
import { WebhookService } from './webhook.service.js';

export const webhooksModule = defineModule({
  name: 'webhooks',
  services: ({ intake }: { intake: IntakeService }) => ({ webhooks: new WebhookService(intake) }),
  resolvers: ({ webhooks }) => [new WebhookResolver(webhooks)],
});
