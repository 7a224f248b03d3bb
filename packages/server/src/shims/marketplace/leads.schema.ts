import { documented, fields, replies, reply, type JsonSchema } from '../../openapi/index.js';

const SUCCESS: JsonSchema = {
  type: 'object',
  required: ['success', 'lead_id', 'status'],
  additionalProperties: false,
  properties: {
    success: { const: true },
    lead_id: { type: 'string' },
    status: { enum: ['sold', 'pending', 'accepted', 'test'] },
    price: { type: 'number', description: 'sold: what the buyers pay; accepted: the campaign price (two decimals)' },
    buyer_ids: { type: 'array', items: { type: 'string' } },
  },
};
const FAILURE: JsonSchema = {
  type: 'object',
  required: ['success', 'error'],
  additionalProperties: false,
  properties: {
    success: { const: false },
    error: { type: 'string', examples: ['Invalid API Key', 'No matching campaign', 'Duplicate phone'] },
  },
};
const LEAD: JsonSchema = {
  type: 'object',
  additionalProperties: { description: 'any other field is kept as a custom field' },
  properties: fields(
    [
      'seller',
      'category',
      'firstName',
      'lastName',
      'phone',
      'state',
      'email',
      'address',
      'city',
      'zip',
      'ip',
      'subId',
      'affId',
      'trustedFormCertUrl',
      'jornayaLeadId',
    ],
    {
      seller: { type: 'string', description: "the seller account's 8-character code or slug" },
      category: { type: 'string', description: "the seller's ACTIVE campaign with this category" },
      test: { type: 'boolean' },
    },
  ),
};

/** `POST /api/leads`. */
export const marketplaceDocs = documented({
  tags: ['Marketplace'],
  summary: 'Sell a lead to the best-paying buyer (Routio-compatible)',
  description:
    'Authorization: Bearer <SOURCE key of the seller account>. Fields in a JSON or form body and/or the query string (the body wins).',
  headers: {
    type: 'object',
    required: ['authorization'],
    properties: { authorization: { type: 'string', description: 'Bearer <SOURCE key>' } },
  },
  body: { content: { 'application/json': { schema: LEAD }, 'application/x-www-form-urlencoded': { schema: LEAD } } },
  response: {
    200: reply('Sold, pending, accepted or a test lead', SUCCESS),
    400: reply('Required fields missing, rejected by a rule (its message), no matching campaign, or an unreadable body', FAILURE),
    401: reply("No, wrong or revoked key; not a SOURCE key; another seller's key", FAILURE),
    ...replies([429, 500], reply('Rate limit (with Retry-After), or an unexpected failure', FAILURE)),
  },
});
