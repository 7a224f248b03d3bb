import type { RawLead } from '../fields/normalized-lead.js';
import type { LeadDoor } from '../leads/lead-enums.js';

/** A lead as a door hands it to the intake service: raw values, door-independent names. */
export interface LeadDraft extends RawLead {
  campaignId: string;
  /** The account the door says the campaign belongs to (its code or id, e.g. Opta's compid); a mismatch is an unknown campaign. */
  accountRef?: string | null;
  /** The posting source; implied by a SOURCE key, required otherwise. */
  sourceId?: string | null;
  /** The source auth key, when the door authenticates the source by body credentials. */
  sourceAuth?: string | null;
  /** Run only the structural checks and store the lead as a test lead. */
  test: boolean;
  door: LeadDoor;
  /** The request as received, kept with the lead (webhook posts). */
  raw?: Record<string, string> | null;
}
