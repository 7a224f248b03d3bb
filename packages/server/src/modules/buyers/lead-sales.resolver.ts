import type { EntityManager } from '@mikro-orm/core';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import type { RequestContext } from '../../context.js';
import { Lead } from '../leads/lead.entity.js';
import { Sale } from './sale.entity.js';

interface Batch {
  leadIds: Set<string>;
  sales: Promise<Map<string, Sale[]>>;
}

/** Open batches by request EntityManager: the sales of a page of leads are read in one query. */
const batches = new WeakMap<EntityManager, Batch>();

/**
 * The sales of `leadId`, oldest first. Every call made while the current GraphQL pass resolves
 * its fields joins one batch, read once everything pending has run (setImmediate); nothing is
 * kept after it, so a later read sees later sales.
 */
export function salesOfLead(em: EntityManager, leadId: string): Promise<Sale[]> {
  let batch = batches.get(em);
  if (!batch) {
    const leadIds = new Set<string>();
    const sales = new Promise<Map<string, Sale[]>>((resolve, reject) => {
      setImmediate(() => {
        batches.delete(em);
        em.find(Sale, { lead: { $in: [...leadIds] } }, { orderBy: { createdAt: 'asc', id: 'asc' } }).then((rows) => {
          const byLead = new Map<string, Sale[]>();
          for (const sale of rows) byLead.set(sale.lead.id, [...(byLead.get(sale.lead.id) ?? []), sale]);
          resolve(byLead);
        }, reject);
      });
    });
    batch = { leadIds, sales };
    batches.set(em, batch);
  }
  batch.leadIds.add(leadId);
  return batch.sales.then((byLead) => byLead.get(leadId) ?? []);
}

@Resolver(() => Lead)
export class LeadSalesResolver {
  @FieldResolver(() => [Sale], {
    description: "The buyers this lead was sold to, oldest first. Empty for SOURCE keys (buyers and their prices are the account's).",
  })
  sales(@Root() lead: Lead, @Ctx() ctx: RequestContext): Promise<Sale[]> | Sale[] {
    if (ctx.caller.kind !== 'key' || ctx.caller.role === ApiKeyRole.SOURCE) return [];
    return salesOfLead(ctx.em, lead.id);
  }
}
