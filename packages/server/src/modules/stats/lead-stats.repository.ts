import { raw, type EntityManager, type FilterQuery, type QBFilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { Lead } from '../leads/lead.entity.js';

const COLUMNS = { status: 'status', reasonCode: 'reason_code', campaign: 'campaign_id', source: 'source_id' } as const;

/** Grouped counts over leads. The only place stats SQL lives, so engine differences stay here. */
export class LeadStatsRepository {
  /** Counts per value of `column` (a Lead property), largest first, ties by key. */
  async countBy(em: EntityManager, where: FilterQuery<Lead>, column: 'status' | 'reasonCode' | 'campaign' | 'source'): Promise<Array<{ key: string; count: number }>> {
    const qb = (em as SqlEntityManager).createQueryBuilder(Lead, 'l');
    const sqlColumn = COLUMNS[column];
    const rows: Array<{ grp: string | null; count: number | string }> = await qb
      .select([raw(`l.${sqlColumn} as grp`), raw('count(*) as count')])
      .where(where as QBFilterQuery<Lead>)
      .groupBy(raw(`l.${sqlColumn}`))
      .execute('all', false);
    return rows
      .filter((row) => row.grp !== null)
      .map((row) => ({ key: String(row.grp), count: Number(row.count) }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  }

  /** Sum of prices (cents) of the leads matching `where`. */
  async sumPriceCents(em: EntityManager, where: FilterQuery<Lead>): Promise<number> {
    const qb = (em as SqlEntityManager).createQueryBuilder(Lead, 'l');
    const row: { total: number | string | null } | null = await qb.select([raw('sum(l.price_cents) as total')]).where(where as QBFilterQuery<Lead>).execute('get', false);
    return Number(row?.total ?? 0);
  }
}
