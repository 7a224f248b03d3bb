/** A minimal client of the gateway's public API, for setup and verification (not for load). */

export class ApiError extends Error {}

/** POSTs a GraphQL operation and returns `data`; throws on HTTP or GraphQL errors. */
export async function gql<T = Record<string, any>>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  key?: string,
): Promise<T> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  let body: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(`GraphQL answered HTTP ${res.status} with a non-JSON body: ${text.slice(0, 300)}`);
  }
  if (body.errors?.length) {
    const operation = /(?:mutation|query)\s*(\w*)/.exec(query)?.[0] ?? 'operation';
    throw new ApiError(`${operation}: ${body.errors.map((e) => `${e.message} (${e.extensions?.code ?? '?'})`).join('; ')}`);
  }
  if (!res.ok || !body.data) throw new ApiError(`GraphQL answered HTTP ${res.status}: ${text.slice(0, 300)}`);
  return body.data;
}

/** Accepted live leads stored for a campaign, read through `leads { totalCount }`. */
export async function countAccepted(baseUrl: string, adminKey: string, campaignId: string): Promise<number> {
  const data = await gql<{ leads: { totalCount: number } }>(
    baseUrl,
    'query Count($f: LeadFilter) { leads(filter: $f, first: 1) { totalCount } }',
    { f: { campaignId, status: 'ACCEPTED' } },
    adminKey,
  );
  return data.leads.totalCount;
}
