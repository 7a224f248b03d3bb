import { documented, reply } from './documented.js';

/** `GET /healthz`. */
export const healthDocs = documented({
  tags: ['Operations'],
  summary: 'The process is up',
  response: { 200: reply('Up', { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } }) },
});

const READY = {
  type: 'object',
  required: ['status', 'database'],
  properties: { status: { enum: ['ok', 'unavailable'] }, database: { enum: ['up', 'down'] } },
};

/** `GET /readyz`. */
export const readyDocs = documented({
  tags: ['Operations'],
  summary: 'The database answers (take traffic)',
  response: { 200: reply('Ready', READY), 503: reply('The database does not answer', READY) },
});

/** `GET /metrics`. */
export const metricsDocs = documented({
  tags: ['Operations'],
  summary: 'Prometheus metrics',
  description:
    'Requests by door, decisions by status and reason, rate-limit refusals, the delivery queue, the database pool, event-loop lag. With METRICS_TOKEN set, send Authorization: Bearer <token>.',
  response: {
    200: reply('Prometheus text format', { type: 'string' }, 'text/plain'),
    401: reply('METRICS_TOKEN is set and the request did not send it', {
      type: 'object',
      required: ['error'],
      properties: { error: { type: 'string' } },
    }),
  },
});
