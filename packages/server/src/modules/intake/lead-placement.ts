import type { EntityManager } from '@mikro-orm/core';
import type { NormalizedLead } from '../fields/normalized-lead.js';
import type { ReasonCode } from '../leads/reason-code.js';

/** A stage that rejected a lead after the pure rules: a ledger claim or a placement check. */
export interface StageFailure {
  stage: string;
  code: ReasonCode;
}

/**
 * Where a door puts an accepted lead besides the leads table (a dialer list, its hopper), done
 * inside the lead's own transaction, after its ledger claims: a check and the write it guards
 * cannot be split by a concurrent request, and a lead is never stored without its placement.
 */
export interface LeadPlacement {
  /** Trace stage names of {@link LeadPlacement.check}, in the order it checks them. */
  readonly stages: readonly string[];
  /**
   * Runs before the lead is written. A failure rolls the transaction back (claims included) and
   * the lead is stored as rejected by that stage. Anything thrown aborts the submission.
   */
  check(tx: EntityManager, lead: NormalizedLead): Promise<StageFailure | null>;
  /** Runs after the lead row is written, in the same transaction. */
  attach(tx: EntityManager, leadId: string): Promise<void>;
}
