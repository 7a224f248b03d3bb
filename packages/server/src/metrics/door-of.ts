/**
 * The door a route belongs to, the `door` label of the request metrics: a few fixed values, so
 * the label set stays small whatever paths callers send.
 */
const DOORS: ReadonlyArray<readonly [prefix: string, door: string]> = [
  ['/graphql', 'graphql'],
  ['/ca/submit', 'opta'],
  ['/webhook/', 'webhook'],
  ['/api/leads', 'marketplace'],
  ['/v1/dnc/', 'dnc'],
  ['/v1/leads/', 'dialer'],
  ['/webservices/rest/', 'omeda'],
  ['/instructions/', 'instructions'],
  ['/leads.csv', 'export'],
  ['/campaigns/', 'files'],
  ['/dashboard', 'dashboard'],
  ['/docs', 'docs'],
  ['/openapi.json', 'docs'],
  ['/metrics', 'metrics'],
  ['/healthz', 'health'],
  ['/readyz', 'health'],
];

/** The door of a route pattern (Fastify's `routeOptions.url`); `unmatched` when no route took the request. */
export function doorOf(route: string | undefined): string {
  if (!route) return 'unmatched';
  return DOORS.find(([prefix]) => route === prefix || route.startsWith(prefix))?.[1] ?? 'other';
}
