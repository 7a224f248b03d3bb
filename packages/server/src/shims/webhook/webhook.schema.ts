import { documented, reply, type JsonSchema } from '../../openapi/index.js';
import { OPTA_REPLY } from '../opta/ca-submit.schema.js';

const MESSAGE: JsonSchema = {
  type: 'object',
  required: ['message'],
  additionalProperties: false,
  properties: { message: { type: 'string' } },
};
const ANY_FIELDS: JsonSchema = {
  type: 'object',
  additionalProperties: true,
  description: "the vendor's own parameter names; nested objects become dotted names",
};

/** `POST /webhook/{id}`. */
export const webhookDocs = documented({
  tags: ['Webhooks'],
  summary: 'Post a lead with any field names',
  description:
    "Before the approval's fields are mapped the post is kept as a sample; after, it is decided like any lead and answered in the Opta shape.",
  params: {
    type: 'object',
    properties: { id: { type: 'string', description: "the approval's webhook id, from its posting instructions" } },
  },
  body: {
    content: {
      'application/json': { schema: ANY_FIELDS },
      'application/x-www-form-urlencoded': { schema: ANY_FIELDS },
      'multipart/form-data': { schema: ANY_FIELDS },
    },
  },
  response: {
    200: reply('A sample kept ({"message":"Test webhook received successfully."}), or the decision in the Opta shape', {
      oneOf: [MESSAGE, OPTA_REPLY],
    }),
    400: reply('The body could not be read', MESSAGE),
    404: reply('Unknown or rotated webhook id', MESSAGE),
    500: reply('Unexpected failure, no detail', MESSAGE),
  },
});
