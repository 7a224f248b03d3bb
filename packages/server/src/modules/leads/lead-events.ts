import type { StandardField } from '../fields/lead-fields.js';
import type { LeadDoor, LeadStatus } from './lead-enums.js';
import type { ReasonCode } from './reason-code.js';

/**
 * A decision the intake took, published after its transaction committed (never for an
 * idempotent replay). Decisions on unproven credentials are published too, with `leadId: null`
 * and `sourceId: null`: nothing was stored for them.
 */
export interface LeadDecidedEvent {
  leadId: string | null;
  accountId: string;
  campaignId: string;
  sourceId: string | null;
  status: LeadStatus;
  reasonCode: ReasonCode | null;
  message: string;
  priceCents: number;
  buyerIds: readonly string[];
  isTest: boolean;
  door: LeadDoor;
  receivedAt: Date;
  /** The normalized standard fields in clear: a subscriber that shows them must mask them. */
  fields: Readonly<Record<StandardField, string | null>>;
}

/** A listener of {@link LeadEvents}; it runs synchronously on the intake's path, so it must be cheap and must not throw. */
export type LeadDecidedListener = (event: LeadDecidedEvent) => void;

/**
 * In-process fan-out of intake decisions (the live feed, metrics). Listeners that fail are
 * isolated: a throwing listener never fails a submission.
 */
export class LeadEvents {
  private readonly listeners = new Set<LeadDecidedListener>();

  /** Calls `listener` for every published decision; returns the unsubscribe function. */
  subscribe(listener: LeadDecidedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether anyone listens (lets publishers skip building events nobody reads). */
  get active(): boolean {
    return this.listeners.size > 0;
  }

  publish(event: LeadDecidedEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A listener's failure is its own: the lead is committed and its reply must go out.
      }
    }
  }
}
