import type { RawLead } from '../fields/normalized-lead.js';
import type { LeadDoor } from '../leads/lead-enums.js';

/** A lead as a door hands it to the intake service: raw values, door-independent names. */
export interface LeadDraft extends RawLead {
  /** The campaign the post names; null when the credentials choose it (the marketplace's seller and category). */
  campaignId: string | null;
  /** Run only the structural checks and store the lead as a test lead. */
  test: boolean;
  door: LeadDoor;
  /** The request as received, kept with the lead (webhook posts). */
  raw?: Record<string, string> | null;
}
