import type { MiddlewareFn } from 'type-graphql';
import { ApiKeyRole } from './api-key-role.js';
import type { Caller } from './caller.js';

/**
 * A field middleware that shows READER keys `mask(value)` instead of the value: READER keys
 * (dashboards, the people watching them) see that a lead exists and how it was decided, not
 * who it is. ADMIN keys, the platform key and a SOURCE key reading its own leads see values in full.
 */
export function maskedForReaders(mask: (value: string | null) => unknown): MiddlewareFn<{ caller?: Caller }> {
  return async ({ context }, next) => {
    const value: unknown = await next();
    const caller = context.caller;
    if (caller?.kind === 'key' && caller.role === ApiKeyRole.READER) return mask(typeof value === 'string' ? value : null);
    return value;
  };
}
