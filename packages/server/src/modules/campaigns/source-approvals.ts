import type { EntityManager } from '@mikro-orm/core';

/**
 * Which campaigns a source is approved for, as the campaigns module needs it to show a SOURCE key
 * only its own campaigns (the sources module owns approvals and implements it).
 */
export interface SourceApprovals {
  /** Ids of the campaigns the source is approved for, active or not. */
  approvedCampaignIds(em: EntityManager, sourceId: string): Promise<string[]>;
}
