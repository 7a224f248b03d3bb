/** Error codes of the GraphQL limits enforced while and after an operation runs (src/graphql-limits/). */
export const LIMIT_CODES = {
  deadline: 'DEADLINE_EXCEEDED',
  responseSize: 'RESPONSE_TOO_LARGE',
} as const;

/** graphql-js's message when the token limit is reached: "Document contains more that N tokens. Parsing aborted." */
export const TOKEN_LIMIT_MESSAGE = /Document contains more th(?:at|an) (\d+) tokens/;
