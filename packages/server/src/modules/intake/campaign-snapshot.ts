import type { EntityManager } from '@mikro-orm/core';
import { compileCondition } from '../../rules/index.js';
import { CampaignZip } from '../campaigns/campaign-zip.entity.js';
import type { Campaign } from '../campaigns/campaign.entity.js';
import { CustomFieldType, ListMode, RuleKind } from '../campaigns/requirement-enums.js';

/** A campaign's rules compiled for the hot path; rebuilt when its configVersion changes. */
export interface CampaignSnapshot {
  version: number;
  urlFields: string[];
  states: Set<string> | null;
  stateMode: ListMode | null;
  /** The zip list as a set: O(1) lookups whatever its size. */
  zips: Set<string> | null;
  zipMode: ListMode | null;
  rules: Array<{ name: string; kind: RuleKind; test: (get: (field: string) => string | null) => boolean }>;
}

/**
 * Compiled snapshots by campaign id, kept while the campaign's configVersion is unchanged. Any
 * change made through the API bumps the version, so every gateway sharing the database compiles
 * the new rules on its next lead for that campaign.
 */
export class SnapshotCache {
  private readonly entries = new Map<string, CampaignSnapshot>();

  constructor(private readonly maxEntries = 2000) {}

  async get(em: EntityManager, campaign: Campaign): Promise<CampaignSnapshot> {
    const cached = this.entries.get(campaign.id);
    if (cached && cached.version === campaign.configVersion) return cached;
    const snapshot = await this.compile(em, campaign);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(campaign.id, snapshot);
    return snapshot;
  }

  private async compile(em: EntityManager, campaign: Campaign): Promise<CampaignSnapshot> {
    let zips: Set<string> | null = null;
    if (campaign.zipMode) {
      const rows = await em.find(CampaignZip, { campaign: campaign.id }, { fields: ['zip'] });
      zips = new Set(rows.map((row) => row.zip));
    }
    return {
      version: campaign.configVersion,
      urlFields: campaign.customFields.filter((f) => f.type === CustomFieldType.URL).map((f) => f.name),
      states: campaign.stateTargeting ? new Set(campaign.stateTargeting.states) : null,
      stateMode: campaign.stateTargeting?.mode ?? null,
      zips,
      zipMode: campaign.zipMode,
      rules: campaign.rules.map((rule) => ({ name: rule.name, kind: rule.kind, test: compileCondition(rule.condition) })),
    };
  }
}
