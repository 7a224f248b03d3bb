import { documented, reply } from '../../openapi/index.js';

const TOKEN = {
  type: 'object',
  properties: { token: { type: 'string', description: "the approval's instructions token; append .json for the same content as data" } },
};

/** `GET /instructions/{token}` (and `{token}.json`). */
export const instructionsPageDocs = documented({
  tags: ['Posting instructions'],
  summary: 'The posting-instructions page of one source approval',
  description: 'A page for the vendor: the door URLs and credentials, fields, requirements, replies and a form that posts a test lead.',
  params: TOKEN,
  response: {
    200: {
      description: 'The page, or its content as JSON',
      content: { 'text/html': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'object' } } },
    },
    404: {
      description: 'Unknown or revoked token',
      content: {
        'text/html': { schema: { type: 'string' } },
        'application/json': {
          schema: { type: 'object', required: ['error'], properties: { error: { type: 'string' }, code: { type: 'string' } } },
        },
      },
    },
  },
});

/** `GET /instructions/{token}/zips.csv`. */
export const instructionsZipsDocs = documented({
  tags: ['Posting instructions'],
  summary: "The campaign's zip list",
  params: TOKEN,
  response: {
    200: reply('One zip per line', { type: 'string' }, 'text/csv'),
    404: reply('Unknown or revoked token', {
      type: 'object',
      required: ['error'],
      properties: { error: { type: 'string' }, code: { type: 'string' } },
    }),
  },
});
