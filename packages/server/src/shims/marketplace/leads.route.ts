import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import type { MikroORM as Orm } from '@mikro-orm/core';
import { AppError } from '../../errors/app-error.js';
import { toHttpError } from '../../errors/to-http-error.js';
import { findSeller } from '../../modules/buyers/index.js';
import { Campaign } from '../../modules/campaigns/campaign.entity.js';
import { CampaignStatus } from '../../modules/campaigns/campaign-status.js';
import { LeadDoor, LeadStatus } from '../../modules/leads/lead-enums.js';
import { ReasonCode } from '../../modules/leads/reason-code.js';
import type { ApiKeyService } from '../../modules/api-keys/index.js';
import type { IntakeService } from '../../modules/intake/index.js';
import type { RateLimitService } from '../../rate-limit/index.js';
import { acceptFormBodies } from '../form-body.js';
import { doorName, errorBody, MarketplaceRequestError, successBody, toMarketplacePost } from './leads.mapper.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const fail = (reply: FastifyReply, status: number, message: string) => reply.status(status).type(JSON_TYPE).send(errorBody(message));

/** The services this door uses. */
export interface MarketplaceServices {
  apiKeys: ApiKeyService;
  rateLimits: RateLimitService;
  intake: IntakeService;
}

/** `POST /api/leads`: the lead marketplace door (Routio-compatible), over the intake service. */
export async function marketplaceRoutes(app: FastifyInstance, options: { orm: Orm; services: MarketplaceServices }): Promise<void> {
  const { services } = options;
  acceptFormBodies(app);
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error, request, reply) => {
    const view = toHttpError(error, request);
    return view.status >= 500 ? fail(reply, 500, 'Internal error') : fail(reply, 400, view.message);
  });

  app.post('/api/leads', async (request: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply) => {
    const em = options.orm.em.fork();
    const caller = await services.apiKeys.authenticate(em, request.headers.authorization);
    if (caller.kind !== 'key' || caller.role !== ApiKeyRole.SOURCE || !caller.accountId) return fail(reply, 401, 'Invalid API Key');
    const limit = await services.rateLimits.enforce(caller, reply, 'marketplace');
    if (!limit.allowed) return fail(reply, 429, 'Rate limit exceeded');

    let post;
    try {
      post = toMarketplacePost(request.query ?? {}, request.body);
    } catch (error) {
      if (error instanceof MarketplaceRequestError) return fail(reply, 400, error.message);
      throw error;
    }
    const seller = await findSeller(em, post.seller);
    // The key must belong to the seller named: another seller's key is not a key for this one.
    if (seller && seller.id !== caller.accountId) return fail(reply, 401, 'Invalid API Key');
    const category = post.category.toLowerCase();
    const campaign = seller
      ? (await em.find(Campaign, { account: seller.id, status: CampaignStatus.ACTIVE }, { orderBy: { createdAt: 'asc', id: 'asc' } }))
        .find((c) => c.category.toLowerCase() === category)
      : undefined;
    if (!campaign) return fail(reply, 400, 'No matching campaign');

    const idempotencyKey = request.headers['idempotency-key'];
    try {
      const decision = await services.intake.submit(
        em,
        { campaignId: campaign.id, fields: post.fields, extra: post.extra, test: post.test, door: LeadDoor.MARKETPLACE },
        caller,
        { idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : null },
      );
      if (decision.status !== LeadStatus.REJECTED) return reply.status(200).type(JSON_TYPE).send(successBody(decision));
      if (decision.reasonCode === ReasonCode.MISSING_FIELDS) {
        // The intake names our fields ("Missing first, zip"); answer with the door's names.
        const names = decision.message.replace(/^Missing /, '').split(', ').map(doorName);
        return fail(reply, 400, `Missing required field: ${names.join(', ')}`);
      }
      return fail(reply, 400, decision.message);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return fail(reply, 400, 'No matching campaign');
      throw error;
    }
  });
}
