import type { FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../../context.js';
import { ACCEPTED_STATUSES, LeadStatus } from '../leads/lead-enums.js';
import type { Lead } from '../leads/lead.entity.js';
import type { LeadFilter } from '../leads/lead.inputs.js';
import { leadScope } from '../leads/lead.service.js';
import { LeadStatsRepository } from './lead-stats.repository.js';
import { LeadStats } from './lead-stats.types.js';

/** Dashboard numbers over the same filter and visibility as the leads list. */
export class LeadStatsService {
  private readonly repository = new LeadStatsRepository();

  async stats(ctx: RequestContext, filter: LeadFilter = {}): Promise<LeadStats> {
    const where = await leadScope(ctx, filter);
    const [byStatus, byReason, byCampaign, bySource, revenueCents] = await Promise.all([
      this.repository.countBy(ctx.em, where, 'status'),
      this.repository.countBy(ctx.em, { $and: [where, { status: LeadStatus.REJECTED }] } as FilterQuery<Lead>, 'reasonCode'),
      this.repository.countBy(ctx.em, where, 'campaign'),
      this.repository.countBy(ctx.em, where, 'source'),
      this.repository.sumPriceCents(ctx.em, { $and: [where, { status: { $in: ACCEPTED_STATUSES } }] } as FilterQuery<Lead>),
    ]);
    const of = (status: LeadStatus) => byStatus.find((b) => b.key === status)?.count ?? 0;
    return Object.assign(new LeadStats(), {
      total: byStatus.reduce((sum, b) => sum + b.count, 0),
      accepted: ACCEPTED_STATUSES.reduce((sum, status) => sum + of(status), 0),
      rejected: of(LeadStatus.REJECTED),
      test: of(LeadStatus.TEST),
      revenueCents,
      byStatus, byReason, byCampaign, bySource,
    });
  }
}
