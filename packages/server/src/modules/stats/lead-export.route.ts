import type { MikroORM } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import type { Authenticate } from '../../auth/caller.js';
import { badInput } from '../../errors/app-error.js';
import { LeadStatus } from '../leads/index.js';
import type { LeadFilter } from '../leads/index.js';
import type { LeadExportService } from './lead-export.js';
import { leadsCsvDocs } from './lead-export.schema.js';

type Query = Record<string, string | string[] | undefined>;

const PARAMETERS = ['accountId', 'campaignId', 'campaignIds', 'sourceId', 'sourceIds', 'status', 'from', 'to', 'includeTest'] as const;

/** One value of a parameter (repeating it is an error). */
function one(query: Query, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw badInput(`${name} may be given once`, { field: name });
  return value === undefined || value === '' ? undefined : value;
}

/** A list parameter: repeated (`?campaignIds=a&campaignIds=b`) or comma-separated (`?campaignIds=a,b`). */
function list(query: Query, name: string): string[] | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

function instant(query: Query, name: 'from' | 'to'): Date | undefined {
  const value = one(query, name);
  if (value === undefined) return undefined;
  const at = /^\d{1,15}$/.test(value) ? new Date(Number(value)) : new Date(value);
  if (!/^\d{4}-\d\d-\d\d|^\d+$/.test(value) || Number.isNaN(at.getTime())) {
    throw badInput(`${name} must be an ISO 8601 instant (2026-11-23T00:00:00Z) or epoch milliseconds`, { field: name });
  }
  return at;
}

/** The query string of `GET /leads.csv` as a lead filter; unknown parameters are refused, not ignored. */
export function exportFilter(query: Query): LeadFilter {
  const unknown = Object.keys(query).filter((k) => !(PARAMETERS as readonly string[]).includes(k));
  if (unknown.length) throw badInput(`Unknown parameter ${unknown[0]}; use ${PARAMETERS.join(', ')}`, { field: unknown[0] });
  const status = one(query, 'status')?.toUpperCase();
  if (status !== undefined && !Object.values(LeadStatus).includes(status as LeadStatus)) {
    throw badInput(`status must be one of ${Object.values(LeadStatus).join(', ')}`, { field: 'status' });
  }
  const includeTest = one(query, 'includeTest')?.toLowerCase();
  if (includeTest !== undefined && !['true', 'false', '1', '0'].includes(includeTest))
    throw badInput('includeTest must be true or false', { field: 'includeTest' });
  return {
    accountId: one(query, 'accountId'),
    campaignId: one(query, 'campaignId'),
    campaignIds: list(query, 'campaignIds'),
    sourceId: one(query, 'sourceId'),
    sourceIds: list(query, 'sourceIds'),
    status: status as LeadStatus | undefined,
    from: instant(query, 'from'),
    to: instant(query, 'to'),
    includeTest: includeTest === 'true' || includeTest === '1',
  };
}

/**
 * `GET /leads.csv?campaignIds=…&from=…`: the leads of a filter (the `LeadFilter` fields as query
 * parameters) streamed as CSV, for a Bearer key. Errors before the first byte answer in the
 * gateway's JSON error shape.
 */
export async function leadExportRoutes(
  app: FastifyInstance,
  options: { orm: MikroORM; exports: LeadExportService; authenticate: Authenticate },
): Promise<void> {
  app.get<{ Querystring: Query }>('/leads.csv', leadsCsvDocs, async (request, reply) => {
    const em = options.orm.em.fork();
    const ctx = { em, caller: await options.authenticate(em, request.headers.authorization), requestId: request.id, log: request.log };
    const stream = await options.exports.csv(ctx, exportFilter(request.query));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="leads.csv"')
      .header('cache-control', 'no-store')
      .send(stream);
  });
}
