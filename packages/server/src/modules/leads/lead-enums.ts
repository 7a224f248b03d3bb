import { registerEnumType } from 'type-graphql';

/** The stored outcome of a lead. */
export enum LeadStatus {
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  /** A test lead that passed the structural checks; counts toward nothing, never delivered. */
  TEST = 'TEST',
  /** Accepted and sold to one or more buyers (campaigns that route to buyers). */
  SOLD = 'SOLD',
  /** Accepted, waiting for an eligible buyer (campaigns that route to buyers). */
  PENDING = 'PENDING',
}

/** Statuses of leads that passed every rule: they count toward duplicates, caps and revenue. */
export const ACCEPTED_STATUSES: readonly LeadStatus[] = [LeadStatus.ACCEPTED, LeadStatus.SOLD, LeadStatus.PENDING];

/** The door a lead came through. */
export enum LeadDoor {
  GRAPHQL = 'GRAPHQL',
  OPTA = 'OPTA',
  WEBHOOK = 'WEBHOOK',
  MARKETPLACE = 'MARKETPLACE',
  DIALER = 'DIALER',
  /** Past leads brought from another system (`leadgate import leads`, importLeads). */
  IMPORT = 'IMPORT',
}

registerEnumType(LeadStatus, { name: 'LeadStatus', description: 'The stored outcome of a lead.' });
registerEnumType(LeadDoor, { name: 'LeadDoor', description: 'The door a lead came through.' });
