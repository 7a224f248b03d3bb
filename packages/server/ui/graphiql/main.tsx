import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { createClient, type Client } from 'graphql-ws';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { createRoot } from 'react-dom/client';
import './graphiql.css';

const endpoint = new URL('/graphql', window.location.href);
const socketUrl = new URL(endpoint);
socketUrl.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';

const http = createGraphiQLFetcher({ url: endpoint.href });

/** True when the operation GraphiQL is about to run is a subscription. */
function isSubscription(query: string, operationName?: string | null): boolean {
  try {
    const operations = parse(query).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
    return operation?.operation === 'subscription';
  } catch {
    return false;
  }
}

/** The Authorization header from GraphiQL's headers editor, whatever its case. */
function authorizationOf(headers: Record<string, unknown> | undefined): string | undefined {
  const entry = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization');
  return typeof entry?.[1] === 'string' ? entry[1] : undefined;
}

// One WebSocket per key: browsers cannot send headers on a WebSocket, so the key from the
// headers editor travels in connection_init, as the gateway expects.
const sockets = new Map<string, Client>();
function socketFor(authorization: string | undefined): Client {
  const id = authorization ?? '';
  let client = sockets.get(id);
  if (!client) {
    client = createClient({ url: socketUrl.href, connectionParams: authorization ? { authorization } : {}, lazy: true });
    sockets.set(id, client);
  }
  return client;
}

const fetcher: Fetcher = (params, options) => {
  if (!isSubscription(params.query, params.operationName)) return http(params, options);
  const results = socketFor(authorizationOf(options?.headers)).iterate({
    query: params.query,
    operationName: params.operationName ?? undefined,
    variables: params.variables ?? undefined,
  });
  // GraphiQL shows results as JSON, so formatted errors serve as well as GraphQLError objects.
  return results as unknown as ReturnType<Fetcher>;
};

const DEFAULT_QUERY = `# Leadgate's GraphQL API. Put your API key in the Headers tab below:
#   { "Authorization": "Bearer lgk_..." }
# Ctrl-Enter runs the operation; the Docs button lists every type.

query Overview {
  viewer { role accountId }
  campaigns { id name status }
  leadStats { total accepted rejected revenue }
}

# Subscriptions run over WebSocket: every decision, live, contact fields masked.
subscription LiveFeed {
  leadDecided { leadId campaignId status reasonCode price receivedAt contact { first email } }
}
`;

createRoot(document.getElementById('graphiql')!).render(
  <GraphiQL
    fetcher={fetcher}
    defaultQuery={DEFAULT_QUERY}
    defaultHeaders={'{\n  "Authorization": "Bearer "\n}'}
    // Keys typed in the headers editor stay in this tab's memory, never in localStorage.
    shouldPersistHeaders={false}
    isHeadersEditorEnabled
    defaultEditorToolsVisibility="headers"
  />,
);
