import { GraphQLError } from 'graphql';
import { isPlatformAdmin } from '../auth/caller.js';
import type { RequestContext } from '../context.js';
import type { GatedOperation } from '../graphql-limits/operation-gate.plugin.js';
import { rateLimitHeaders, rateLimitMessage } from './http.js';
import type { RateLimitService } from './rate-limit.service.js';

/**
 * An operation-gate check (see `operationGatePlugin`): an operation made with an API key spends
 * one unit of the key's `api` budget per root field it runs (queries and mutations alike, after
 * fragment expansion: 100 aliased `submitLead` spend 100), before it runs. Its reply carries the
 * X-RateLimit headers; when the budget is short the whole operation is refused, spending nothing:
 * HTTP 429, RATE_LIMITED, Retry-After. Callers without an API key, the platform key, and
 * operations of meta fields only (`__typename`, introspection) are not counted.
 */
export function spendRootFieldBudget(service: RateLimitService) {
  return async (operation: GatedOperation, { caller }: RequestContext): Promise<void> => {
    if (caller.kind !== 'key' || isPlatformAdmin(caller) || operation.rootFields.size === 0) return;
    const result = await service.consume(caller.keyId, caller.rateLimitPerMinute, { points: operation.rootFields.size });
    for (const [name, value] of rateLimitHeaders(result)) operation.http.headers.set(name, value);
    if (!result.allowed) {
      const message =
        operation.rootFields.size > 1
          ? `${rateLimitMessage(result)} (this operation has ${operation.rootFields.size} root fields, each counted; ${result.remaining} left)`
          : rateLimitMessage(result);
      throw new GraphQLError(message, { extensions: { code: 'RATE_LIMITED', http: { status: 429 } } });
    }
  };
}
