export * from './app-error.js';
export { createGraphQLErrorFormatter } from './to-graphql-error.js';
export { toHttpError, replyWithError, type HttpErrorView } from './to-http-error.js';
