import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { RequestContext } from '../context.js';
import { rateLimitHeaders, rateLimitMessage } from './http.js';
import type { RateLimitService } from './rate-limit.service.js';

/**
 * Counts every GraphQL mutation made with an API key against that key's budget, before it runs.
 * Its reply carries the X-RateLimit headers; over the limit it is not run and is answered HTTP 429
 * with a RATE_LIMITED error and Retry-After. Queries, and callers without an API key, are not
 * counted.
 */
export function rateLimitPlugin(service: RateLimitService): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue, response }) {
          if (operation?.operation !== 'mutation') return;
          const { caller } = contextValue;
          if (caller.kind !== 'key') return;
          const result = await service.consume(caller.keyId, caller.rateLimitPerMinute);
          for (const [name, value] of rateLimitHeaders(result)) response.http.headers.set(name, value);
          if (!result.allowed) {
            throw new GraphQLError(rateLimitMessage(result), {
              extensions: { code: 'RATE_LIMITED', http: { status: 429 } },
            });
          }
        },
      };
    },
  };
}
