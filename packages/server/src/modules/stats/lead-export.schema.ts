import { BEARER, documented, gatewayErrors, reply } from '../../openapi/index.js';

const FILTER_FIELDS = ['accountId', 'campaignId', 'campaignIds', 'sourceId', 'sourceIds', 'status', 'from', 'to', 'includeTest'];

/** `GET /leads.csv`. */
export const leadsCsvDocs = documented({
  tags: ['Files'],
  summary: 'Leads of a filter as CSV, streamed',
  description:
    "The leads filter as query parameters (as GraphQL's LeadFilter). READER keys get contact fields masked; SOURCE keys their own leads.",
  headers: BEARER,
  querystring: { type: 'object', properties: Object.fromEntries(FILTER_FIELDS.map((name) => [name, { type: 'string' }])) },
  response: { 200: reply('A header row, then one lead per row', { type: 'string' }, 'text/csv'), ...gatewayErrors() },
});
