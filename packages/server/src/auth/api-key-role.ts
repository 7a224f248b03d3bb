import { registerEnumType } from 'type-graphql';

/** What an API key may do within its account. */
export enum ApiKeyRole {
  /** Manage the account: campaigns, sources, keys; read everything; submit as any of its sources. */
  ADMIN = 'ADMIN',
  /** Submit leads as one source, into the campaigns it is approved for; read that source's leads. */
  SOURCE = 'SOURCE',
  /** Read the account's data (dashboards); change nothing. */
  READER = 'READER',
}

registerEnumType(ApiKeyRole, { name: 'ApiKeyRole', description: 'What an API key may do within its account.' });
