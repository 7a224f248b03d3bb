import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { checkResponsesAgainstSchemas } from './response-check.js';

/** Options for {@link registerOpenApi}. */
export interface OpenApiOptions {
  /** Check every documented reply against its schema (tests), default `false`. */
  checkResponses?: boolean;
}

/**
 * The REST doors' OpenAPI 3.1 description, built by @fastify/swagger from the route schemas
 * (`*.schema.ts` beside each door), at GET /openapi.json, and a reference page at GET /docs
 * (Swagger UI, served from this gateway: no CDN). Routes without a schema are left out. Call it
 * before any route is added.
 */
export async function registerOpenApi(app: FastifyInstance, options: OpenApiOptions = {}): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Leadgate REST doors',
        version: '0.1.0',
        description:
          'The HTTP doors of a Leadgate gateway: the legacy vendor formats (Opta, webhooks, the marketplace, the dialer, ' +
          "Omeda opt-in queues), posting instructions, CSV files and operations. Each door answers in its vendor's own " +
          'shape; the GraphQL API (POST /graphql) is described by its schema, not here.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      tags: [
        { name: 'Opta', description: 'The Opta JSON API: POST /ca/submit' },
        { name: 'Webhooks', description: 'Any field names, mapped per source' },
        { name: 'Marketplace', description: 'Routio-compatible supplier API' },
        { name: 'Dialer', description: 'Convoso-compatible lead insert and search, and the DNC lists' },
        { name: 'Opt-ins', description: 'Omeda-compatible opt-in and opt-out queues and the lookup' },
        { name: 'Posting instructions', description: 'The page a vendor gets' },
        { name: 'Files', description: 'CSV in and out' },
        { name: 'Operations', description: 'Health, readiness, metrics' },
      ],
    },
    // Only what a door documented: its catch-alls (other methods, `/*` spellings) stay out.
    transform: ({ schema, url }) => ({ schema: schema && !url.endsWith('*') ? schema : { hide: true }, url }),
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    // Swagger UI's validator badge would call validator.swagger.io: nothing leaves the gateway.
    uiConfig: { validatorUrl: null, deepLinking: true, docExpansion: 'list' },
    staticCSP: true,
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  if (options.checkResponses) checkResponsesAgainstSchemas(app);
}
