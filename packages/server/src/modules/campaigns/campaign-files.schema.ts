import { BEARER, documented, gatewayErrors, reply } from '../../openapi/index.js';

const ID = { type: 'object', properties: { id: { type: 'string', description: 'the campaign id' } } };

/** `GET /campaigns/{id}/zips.csv`. */
export const zipsGetDocs = documented({
  tags: ['Files'],
  summary: "A campaign's zip targeting list",
  headers: BEARER,
  params: ID,
  response: { 200: reply('One zip per line', { type: 'string' }, 'text/csv'), ...gatewayErrors() },
});

/** `PUT /campaigns/{id}/zips.csv`. */
export const zipsPutDocs = documented({
  tags: ['Files'],
  summary: "Replace a campaign's zip targeting list (ADMIN key)",
  headers: BEARER,
  params: ID,
  querystring: { type: 'object', required: ['mode'], properties: { mode: { enum: ['INCLUDE', 'EXCLUDE'] } } },
  body: { content: { 'text/csv': { schema: { type: 'string', description: 'zips, one per line or comma-separated' } } } },
  response: {
    200: reply('The list in force', {
      type: 'object',
      required: ['campaignId', 'zipMode', 'zipCount'],
      properties: { campaignId: { type: 'string' }, zipMode: { enum: ['INCLUDE', 'EXCLUDE'] }, zipCount: { type: 'integer' } },
    }),
    ...gatewayErrors([400, 401, 403, 404, 413, 415, 429, 500]),
  },
});
