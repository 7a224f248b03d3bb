import { documented, type JsonSchema } from '../../openapi/index.js';

const ERRORS: JsonSchema = {
  type: 'object',
  required: ['Errors'],
  properties: {
    Submission: { type: 'string', format: 'uuid' },
    Errors: { type: 'array', items: { type: 'object', required: ['Error'], properties: { Error: { type: 'string' } } } },
  },
};
const IN_OUT = (idKey: string): JsonSchema => ({
  type: 'object',
  required: [idKey, 'Success'],
  properties: {
    [idKey]: { type: 'string', format: 'uuid' },
    Success: { const: 'Your submission was successful' },
    Messages: { type: 'array', items: { type: 'object', properties: { Message: { type: 'string' } } } },
  },
});
const APP_ID = {
  type: 'object',
  properties: { 'x-omeda-appid': { type: 'string', description: 'an opt-in app id authorized for the brands' } },
};
const both = (description: string, schema: JsonSchema) => ({
  description,
  content: { 'application/json': { schema }, 'application/xml': { schema }, 'text/xml': { schema } },
});
const ENTRIES: JsonSchema = {
  type: 'object',
  description: 'ClientOptIn, BrandOptIn and/or DeploymentTypeOptIn lists (OptOut on the opt-out queue)',
  additionalProperties: true,
};

const queue = (name: 'OptIn' | 'OptOut', idKey: string) =>
  documented({
    tags: ['Opt-ins'],
    summary: `Submit to the ${name} queue (Omeda-compatible)`,
    description:
      'All or nothing: every entry is checked first, and a refusal lists one Error per failing item. JSON by default, XML for an XML request.',
    params: { type: 'object', properties: { client: { type: 'string', description: "the account's slug or code" } } },
    headers: APP_ID,
    body: { content: { 'application/json': { schema: ENTRIES }, 'application/xml': { schema: ENTRIES }, 'text/xml': { schema: ENTRIES } } },
    response: {
      200: both('Written', IN_OUT(idKey)),
      400: both('Refused: what is wrong, then the summary', ERRORS),
      403: both('No app id, or one not valid for this client', ERRORS),
      404: both('Another path suffix than the literal /* (which may be left out)', ERRORS),
      413: both('The body is too large', ERRORS),
      429: both("The app id's rate limit", ERRORS),
      500: both('Unexpected failure, no detail', ERRORS),
    },
  });

/** The opt-in queue, the opt-out queue and the lookup. */
export const omedaDocs = {
  optIn: queue('OptIn', 'Submission'),
  optOut: queue('OptOut', 'SubmissionId'),
  lookup: documented({
    tags: ['Opt-ins'],
    summary: "An email's opt-in statuses in a brand",
    params: { type: 'object', properties: { brand: { type: 'string' }, email: { type: 'string' } } },
    headers: APP_ID,
    response: {
      200: both('The statuses', {
        type: 'object',
        required: ['Filters', 'EmailAddress', 'Submission'],
        properties: {
          Filters: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                Source: { type: 'string' },
                DeploymentTypeId: { type: 'integer' },
                Status: { enum: ['IN', 'OUT'] },
                Brand: { type: 'string' },
                CreatedDate: { type: 'string' },
                ChangedDate: { type: 'string' },
              },
            },
          },
          EmailAddress: { type: 'string' },
          Submission: { type: 'string', format: 'uuid' },
        },
      }),
      400: both('A control character in the path', ERRORS),
      403: both('No app id, or one not authorized for the brand', ERRORS),
      404: both('Nothing found, or no such brand', ERRORS),
      429: both("The app id's rate limit", ERRORS),
      500: both('Unexpected failure, no detail', ERRORS),
    },
  }),
};
