import { gql } from './api.js';

const STORAGE_KEY = 'leadgate.dashboard.key';
const ACCOUNT_KEY = 'leadgate.dashboard.account';

export type Role = 'ADMIN' | 'READER' | 'SOURCE';

/** Who is signed in: the key (this tab only) and what it may see. */
export interface Session {
  key: string;
  role: Role;
  /** The key's account, or for the platform key the account chosen. */
  account: { id: string; name: string; timeZone: string };
  /** Every account the key may read (one, except for the platform key). */
  accounts: Array<{ id: string; name: string; timeZone: string }>;
  platform: boolean;
}

/**
 * The key lives in sessionStorage: it survives a reload, not the tab, and is never put in a URL
 * or sent anywhere but this gateway's Authorization header.
 */
export const storedKey = (): string | null => sessionStorage.getItem(STORAGE_KEY);

export function forget(): void {
  sessionStorage.removeItem(STORAGE_KEY);
  sessionStorage.removeItem(ACCOUNT_KEY);
}

export function chooseAccount(id: string): void {
  sessionStorage.setItem(ACCOUNT_KEY, id);
}

/** Checks `key` with the gateway; a SOURCE key is refused (dashboards are for the account's staff). */
export async function signIn(key: string): Promise<Session> {
  const data = await gql<{ viewer: { role: Role; accountId: string | null }; accounts: Session['accounts'] }>(
    key,
    `{ viewer { role accountId } accounts { id name timeZone } }`,
  );
  if (data.viewer.role === 'SOURCE') throw new Error('This is a SOURCE key: sign in with a READER or ADMIN key of the account.');
  if (data.accounts.length === 0) throw new Error('This key sees no account yet: create one first.');
  sessionStorage.setItem(STORAGE_KEY, key);
  const wanted = sessionStorage.getItem(ACCOUNT_KEY);
  const account = data.accounts.find((a) => a.id === (data.viewer.accountId ?? wanted)) ?? data.accounts[0]!;
  return { key, role: data.viewer.role, account, accounts: data.accounts, platform: data.viewer.accountId === null };
}
