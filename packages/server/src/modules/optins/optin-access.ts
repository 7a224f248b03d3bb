import { ApiKeyRole } from '../../auth/api-key-role.js';
import { requireReadAccess, type Caller, type KeyCaller } from '../../auth/caller.js';
import { forbidden } from '../../errors/app-error.js';

/**
 * Requires an ADMIN or READER key of `accountId` (or the platform key). Another account's
 * records are NOT_FOUND, named by `what`; SOURCE keys are FORBIDDEN.
 */
export function requireOptInReader(caller: Caller, accountId: string, what: string): KeyCaller {
  const key = requireReadAccess(caller, accountId, what);
  if (key.role === ApiKeyRole.SOURCE) throw forbidden('Opt-in data is visible to ADMIN and READER keys only');
  return key;
}
