import { createClient as createWsClient, type Client } from 'graphql-ws';
import { LeadFeedEventFieldsFragmentDoc, type LeadFeedEventFieldsFragment, type LeadFeedFilter } from './_generated/graphql.js';
import { ConnectionError, errorClassFor, type LeadgateError, type LeadgateGraphQLError } from './errors.js';

/** One decision pushed by the live feed (contact fields masked by the gateway). */
export type LeadFeedEvent = LeadFeedEventFieldsFragment;

/** Options for {@link subscribeToLeads}. */
export interface LiveFeedOptions {
  /**
   * The gateway's GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql` (`ws://` and `wss://`
   * work too). A bare origin gets `/graphql` appended.
   */
  url: string;
  /** A READER or ADMIN key of the account (a SOURCE key sees its own leads), or the platform key with `filter.accountId`. */
  apiKey: string;
  /** Which decisions to receive, default every live lead of the key's account (test leads only with `includeTest`). */
  filter?: LeadFeedFilter;
  /** Called for every decision, in the order the gateway pushes them. */
  onEvent: (event: LeadFeedEvent) => void;
  /**
   * Called once if the feed stops for good: the gateway refused the subscription (a
   * `LeadgateError` subclass, e.g. `AuthenticationError`), or the connection could not be
   * restored after `retryAttempts` tries (`ConnectionError`). Default: none.
   */
  onError?: (error: LeadgateError) => void;
  /** Called each time the socket is (re)connected and subscribed, default none. */
  onConnected?: () => void;
  /**
   * Reconnections after the socket drops, default `Infinity`: a live feed is meant to stay up.
   * Decisions made while disconnected are not replayed (read them with `leads`).
   */
  retryAttempts?: number;
  /**
   * The WebSocket class, default `globalThis.WebSocket` (browsers, Node 22+), else the `ws`
   * package (Node 20).
   */
  webSocketImpl?: unknown;
}

/** A running subscription. */
export interface LiveFeed {
  /** Stops the feed and closes its socket. Idempotent. */
  close(): Promise<void>;
}

const SUBSCRIPTION = `subscription LeadDecided($filter: LeadFeedFilter) {
  leadDecided(filter: $filter) { ...LeadFeedEventFields }
}
${LeadFeedEventFieldsFragmentDoc}`;

/** The feed's WebSocket URL for a gateway's GraphQL endpoint. */
export function liveFeedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(
      `subscribeToLeads: url must be the gateway's GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql (got ${JSON.stringify(url)})`,
    );
  }
  const protocols: Record<string, string> = { 'http:': 'ws:', 'https:': 'wss:', 'ws:': 'ws:', 'wss:': 'wss:' };
  const protocol = protocols[parsed.protocol];
  if (!protocol)
    throw new TypeError(`subscribeToLeads: url must start with http://, https://, ws:// or wss:// (got ${JSON.stringify(url)})`);
  parsed.protocol = protocol;
  if (parsed.pathname === '/' || parsed.pathname === '') parsed.pathname = '/graphql';
  return parsed.toString();
}

interface GraphQLErrorLike {
  message: string;
  extensions?: { code?: unknown };
}

/** The SDK error for a refusal the gateway sent on the socket. */
function feedError(errors: readonly GraphQLErrorLike[]): LeadgateError {
  const first = errors[0] ?? { message: 'The live feed was refused' };
  const code = typeof first.extensions?.code === 'string' ? first.extensions.code : 'UNKNOWN';
  const init = { message: first.message, code, operationName: 'leadDecided', errors: errors as LeadgateGraphQLError[] };
  return new (errorClassFor(code))(init);
}

/**
 * Subscribes to the gateway's live feed (`leadDecided` over graphql-ws): every decision on the
 * account's leads as it is committed, on any gateway, contact fields masked. The key travels in
 * the connection's init message, never in the URL. The socket reconnects by itself.
 *
 * @example
 * const feed = await subscribeToLeads({
 *   url: 'http://127.0.0.1:4000/graphql', apiKey: process.env.LEADGATE_READER_KEY!,
 *   filter: { statuses: ['REJECTED'] },
 *   onEvent: (e) => console.log(e.receivedAt, e.campaignId, e.reasonCode, e.message),
 * });
 * // later: await feed.close();
 */
export async function subscribeToLeads(options: LiveFeedOptions): Promise<LiveFeed> {
  if (typeof options?.apiKey !== 'string' || options.apiKey.trim() === '') {
    throw new TypeError('subscribeToLeads: apiKey is required: a READER or ADMIN key of the account (createApiKey shows it once)');
  }
  if (typeof options.onEvent !== 'function')
    throw new TypeError('subscribeToLeads: onEvent is required: the function that gets each decision');
  const url = liveFeedUrl(options.url);
  const webSocketImpl = options.webSocketImpl ?? (globalThis as { WebSocket?: unknown }).WebSocket ?? (await import('ws')).default;
  let stopped = false;
  const client: Client = createWsClient({
    url,
    webSocketImpl,
    connectionParams: { authorization: `Bearer ${options.apiKey.trim()}` },
    retryAttempts: options.retryAttempts ?? Infinity,
    // Every drop is worth another try while the caller keeps the feed; refusals end it below.
    shouldRetry: () => !stopped,
    on: { connected: () => options.onConnected?.() },
  });
  const fail = (error: LeadgateError) => {
    if (stopped) return;
    stopped = true;
    void client.dispose();
    options.onError?.(error);
  };
  client.subscribe<{ leadDecided: LeadFeedEvent }>(
    { query: SUBSCRIPTION, variables: { filter: options.filter ?? null } },
    {
      next: (result) => {
        if (result.errors?.length) fail(feedError(result.errors));
        else if (result.data) options.onEvent(result.data.leadDecided);
      },
      error: (error) => {
        if (Array.isArray(error)) fail(feedError(error));
        else fail(new ConnectionError({ message: `The live feed's connection to ${url} failed`, code: 'CONNECTION_ERROR', cause: error }));
      },
      complete: () => undefined,
    },
  );
  return {
    close: async () => {
      stopped = true;
      await client.dispose();
    },
  };
}
