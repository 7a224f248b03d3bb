import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RequestContext } from '../../context.js';
import type { ZipTargetingService } from './zip-targeting.service.js';
import type { MikroORM as Orm } from '@mikro-orm/core';
import { badInput } from '../../errors/app-error.js';
import type { Authenticate } from '../../auth/caller.js';
import { ListMode } from './requirement-enums.js';
import { zipsGetDocs, zipsPutDocs } from './campaign-files.schema.js';

/**
 * Zip lists as files: `GET /campaigns/:id/zips.csv` downloads, `PUT /campaigns/:id/zips.csv?mode=INCLUDE|EXCLUDE`
 * with a text/csv body replaces the list. Authorization: Bearer, as for GraphQL.
 */
export async function campaignFileRoutes(
  app: FastifyInstance,
  options: { orm: Orm; zipTargeting: ZipTargetingService; authenticate: Authenticate },
): Promise<void> {
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: 8 * 1024 * 1024 }, (_req, body, done) =>
    done(null, body),
  );

  const context = async (request: FastifyRequest): Promise<RequestContext> => {
    const em = options.orm.em.fork();
    return { em, caller: await options.authenticate(em, request.headers.authorization), requestId: request.id, log: request.log };
  };

  app.get<{ Params: { id: string } }>('/campaigns/:id/zips.csv', zipsGetDocs, async (request, reply) => {
    const csv = await options.zipTargeting.exportCsv(await context(request), request.params.id);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${request.params.id}-zips.csv"`)
      .send(csv);
  });

  app.put<{ Params: { id: string }; Querystring: { mode?: string } }>('/campaigns/:id/zips.csv', zipsPutDocs, async (request, reply) => {
    const mode = typeof request.query.mode === 'string' ? request.query.mode.toUpperCase() : undefined;
    if (mode !== ListMode.INCLUDE && mode !== ListMode.EXCLUDE)
      throw badInput('mode must be INCLUDE or EXCLUDE (?mode=INCLUDE)', { field: 'mode' });
    if (typeof request.body !== 'string') throw badInput('Send the zip list as a text/csv body');
    const campaign = await options.zipTargeting.replace(await context(request), request.params.id, mode, request.body);
    return reply.send({ campaignId: campaign.id, zipMode: campaign.zipMode, zipCount: campaign.zipCount });
  });
}
