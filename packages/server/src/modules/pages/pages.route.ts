import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { messagePage, pageShell } from './page-html.js';
import { UiAssets } from './ui-assets.js';

/** Options for {@link pageRoutes}. */
export interface PageRoutesOptions {
  /** Serve GraphiQL at GET /graphql for browsers; it follows the introspection setting (without it, it has no schema to show). */
  explorer: boolean;
  /** The bundles, default those `pnpm build` wrote to dist/ui. */
  assets?: UiAssets;
}

/**
 * Pages and their own scripts only; connections to this gateway (HTTP and WebSocket) only; no
 * framing, no Referer. GraphiQL also needs inline styles (its editor positions by style attributes).
 */
function secureHeaders(request: FastifyRequest, reply: FastifyReply, inlineStyles = false): FastifyReply {
  const host = request.headers.host && /^[A-Za-z0-9.[\]:-]{1,300}$/.test(request.headers.host) ? request.headers.host : null;
  const sockets = host ? ` ws://${host} wss://${host}` : '';
  return reply
    .header(
      'content-security-policy',
      [
        "default-src 'none'",
        "script-src 'self'",
        `style-src 'self'${inlineStyles ? " 'unsafe-inline'" : ''}`,
        `connect-src 'self'${sockets}`,
        "img-src 'self' data:",
        "font-src 'self' data:",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join('; '),
    )
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('cache-control', 'no-cache');
}

const wantsHtml = (request: FastifyRequest) => {
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html');
};

const NOT_BUILT = 'The browser bundles are missing: run `npx --yes pnpm@10 build` (the start command builds them).';

/**
 * The people's pages: the dashboard at `/dashboard` (a bundled TypeScript app), GraphiQL at
 * `GET /graphql` for a browser (Accept: text/html; API clients still reach Apollo there), `/`
 * sending browsers to the dashboard, and the bundles under `/ui/`, all served from this gateway.
 */
export async function pageRoutes(app: FastifyInstance, options: PageRoutesOptions): Promise<void> {
  const assets = options.assets ?? new UiAssets();

  app.get('/dashboard', async (request, reply) => {
    secureHeaders(request, reply).type('text/html; charset=utf-8');
    if (!assets.has('dashboard.js', 'dashboard.css')) return reply.status(503).send(messagePage('Leadgate dashboard', NOT_BUILT));
    return reply.send(
      pageShell({
        title: 'Leadgate dashboard',
        css: assets.url('dashboard.css'),
        js: assets.url('dashboard.js'),
        mountId: 'app',
        noscript: 'The dashboard needs JavaScript.',
      }),
    );
  });
  app.get('/dashboard/', async (_request, reply) => reply.redirect('/dashboard'));

  app.get('/', async (request, reply) => {
    if (wantsHtml(request)) return reply.redirect('/dashboard');
    return reply.status(404).send({
      errors: [{ message: 'No route for GET /: the API is at /graphql, the dashboard at /dashboard', extensions: { code: 'NOT_FOUND' } }],
    });
  });

  app.get<{ Params: { file: string } }>('/ui/:file', async (request, reply) => {
    const asset = assets.get(request.params.file);
    if (!asset)
      return reply.status(404).send({ errors: [{ message: `No asset ${request.params.file}`, extensions: { code: 'NOT_FOUND' } }] });
    reply.header('etag', asset.etag).header('x-content-type-options', 'nosniff').type(asset.type);
    // Page URLs carry the content hash (?v=), so a cached copy is never stale.
    reply.header('cache-control', 'public, max-age=31536000, immutable');
    if (request.headers['if-none-match'] === asset.etag) return reply.status(304).send();
    return reply.send(asset.body);
  });

  // Apollo owns GET /graphql; a browser asking for HTML gets the explorer instead of a CSRF error.
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || request.url.split('?')[0] !== '/graphql' || !wantsHtml(request)) return;
    secureHeaders(request, reply, true).type('text/html; charset=utf-8');
    if (!options.explorer) {
      return reply
        .status(404)
        .send(
          messagePage(
            'GraphQL explorer off',
            'Introspection is turned off on this gateway, so the explorer has no schema to show. POST GraphQL operations to /graphql.',
          ),
        );
    }
    if (!assets.has('graphiql.js', 'graphiql.css')) return reply.status(503).send(messagePage('Leadgate GraphQL', NOT_BUILT));
    return reply.send(
      pageShell({
        title: 'Leadgate GraphQL',
        css: assets.url('graphiql.css'),
        js: assets.url('graphiql.js'),
        mountId: 'graphiql',
        noscript: 'The GraphQL explorer needs JavaScript. API clients: POST to /graphql.',
      }),
    );
  });
}
