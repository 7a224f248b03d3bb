export * from './app-error.js';
export { databaseInputError, DATABASE_ERROR_MESSAGES } from './database-error.js';
export { createGraphQLErrorFormatter, type GraphQLErrorFormatterOptions } from './to-graphql-error.js';
export { toHttpError, replyWithError, type HttpErrorView } from './to-http-error.js';
export { LIMIT_CODES, TOKEN_LIMIT_MESSAGE } from './limit-errors.js';
