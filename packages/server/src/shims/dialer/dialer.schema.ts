import { documented, replies, reply, type JsonSchema } from '../../openapi/index.js';

const ERROR: JsonSchema = {
  type: 'object',
  required: ['success', 'code', 'text'],
  additionalProperties: false,
  properties: { success: { const: false }, code: { type: 'integer', examples: [6009, 5001, 6002] }, text: { type: 'string' } },
};
const ok = (data: JsonSchema): JsonSchema => ({ type: 'object', required: ['success'], properties: { success: { const: true }, ...data } });
const PARAMS: JsonSchema = {
  type: 'object',
  additionalProperties: { type: 'string' },
  properties: { auth_token: { type: 'string', description: 'an API key of the account' } },
};
// One route takes GET and POST, so the parameters are documented as the query string; a POST
// may send them as a form or a flat JSON body instead (merged, the body wins).
const params = (description: string) => ({ querystring: { ...PARAMS, description } });
const envelope = (success: JsonSchema) => ({
  200: reply('Success, or an error with its code (the reference answers errors with HTTP 200 too)', { oneOf: [success, ERROR] }),
  ...replies([429, 500], reply('Rate limit (with Retry-After), or an unexpected failure (code 500, no detail)', ERROR)),
});

/** `/v1/leads/insert`. */
export const insertLeadDocs = documented({
  tags: ['Dialer'],
  summary: 'Insert a lead into a dialer list (Convoso "Insert Lead")',
  description:
    'Parameters in the query string, a form or flat JSON body, merged (the body wins): list_id, phone_number, check_dup, check_dnc, update_if_found, hopper and the lead fields.',
  ...params('list_id, phone_number and the options'),
  response: envelope(ok({ data: { type: 'object', properties: { lead_id: { type: 'string' } } }, id: { type: 'string' } })),
});

/** `/v1/leads/search`. */
export const searchLeadsDocs = documented({
  tags: ['Dialer'],
  summary: "Search the account's dialer leads",
  ...params('filters, offset and limit'),
  response: envelope(ok({ data: { type: 'object', properties: { offset: {}, limit: {}, total: {}, entries: { type: 'array' } } } })),
});

/** `/v1/dnc/insert`, `/v1/dnc/delete` and `/v1/dnc/search`. */
export const dncDocs = {
  insert: documented({
    tags: ['Dialer'],
    summary: 'Add a number to a DNC list',
    ...params('phone_number, phone_code, campaign_id, notes'),
    response: envelope(ok({ id: {} })),
  }),
  delete: documented({
    tags: ['Dialer'],
    summary: 'Take a number off a DNC list',
    ...params('phone_number, phone_code, campaign_id'),
    response: envelope(ok({})),
  }),
  search: documented({
    tags: ['Dialer'],
    summary: 'Search the DNC lists',
    ...params('phone_number, campaign_id, offset, limit'),
    response: envelope(ok({ data: { type: 'object', properties: { offset: {}, limit: {}, total: {}, entries: { type: 'array' } } } })),
  }),
};
