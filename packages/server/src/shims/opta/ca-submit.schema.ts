import { documented, fields, replies, reply, type JsonSchema } from '../../openapi/index.js';

/** The Opta reply, also the webhook door's once it is mapped. */
export const OPTA_REPLY: JsonSchema = {
  type: 'object',
  required: ['leadStatus', 'reason', 'message', 'price'],
  additionalProperties: false,
  properties: {
    leadStatus: { type: 'boolean', description: 'true when the lead was accepted (live or test)' },
    reason: { type: 'string', examples: ['', 'Opta Reject', 'Test lead accepted. Update test=false once approved.', 'Bad request'] },
    message: {
      type: 'string',
      description: 'Success Lead = Accepted, or the exact rejection message',
      examples: ['Success Lead = Accepted', 'Duplicate email'],
    },
    price: { type: 'number', description: 'what the lead pays, printed with two decimals (12.50)' },
    testLead: { const: true, description: 'present on replies to test leads' },
  },
};

const LEAD_FIELDS = [
  'first',
  'last',
  'email',
  'phone',
  'address',
  'city',
  'state',
  'zip',
  'ip',
  'subid',
  'affid',
  'trustedform_cert_url',
  'jornaya_leadid',
];
const SUBMISSION: JsonSchema = {
  type: 'object',
  required: ['compid', 'sourceid', 'campid', 'auth'],
  additionalProperties: { type: 'string', description: 'any other field is kept as a custom field' },
  properties: fields(['compid', 'sourceid', 'campid', 'auth', ...LEAD_FIELDS], {
    compid: { type: 'string', description: "the account's 8-character code (or its id)" },
    auth: { type: 'string', description: 'the source auth key' },
    test: { type: ['string', 'boolean'], description: '"true"/"false", 1/0 or a boolean; absent is live' },
  }),
};

/** `POST /ca/submit`. */
export const caSubmitDocs = documented({
  tags: ['Opta'],
  summary: 'Submit a lead (Opta JSON API)',
  description: 'Every business outcome is HTTP 200 with leadStatus true or false; a request that cannot be read is 400 in the same shape.',
  headers: {
    type: 'object',
    properties: { 'idempotency-key': { type: 'string', description: 'replays the first reply to a retried post' } },
  },
  body: { content: { 'application/json': { schema: SUBMISSION }, 'application/x-www-form-urlencoded': { schema: SUBMISSION } } },
  response: {
    200: reply('Accepted or rejected, with the reason', OPTA_REPLY),
    ...replies([400, 500], reply('The request could not be read (400: what is wrong) or failed (500: no detail)', OPTA_REPLY)),
  },
});
