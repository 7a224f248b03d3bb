export { WebhookFieldMapping } from '../sources/webhook-mapping.js';
export { WebhookSample, WebhookSampleField } from './webhook-sample.entity.js';
export { WebhookService, MAX_SAMPLES, type WebhookOutcome } from './webhook.service.js';
export { WebhookResolver } from './webhook.resolver.js';
export * from './webhook.mapper.js';
