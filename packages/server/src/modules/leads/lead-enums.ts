import { registerEnumType } from 'type-graphql';

/** The stored outcome of a lead. */
export enum LeadStatus {
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  /** A test lead that passed the structural checks; counts toward nothing, never delivered. */
  TEST = 'TEST',
}

/** The door a lead came through. */
export enum LeadDoor {
  GRAPHQL = 'GRAPHQL',
  OPTA = 'OPTA',
  WEBHOOK = 'WEBHOOK',
  MARKETPLACE = 'MARKETPLACE',
  DIALER = 'DIALER',
}

registerEnumType(LeadStatus, { name: 'LeadStatus', description: 'The stored outcome of a lead.' });
registerEnumType(LeadDoor, { name: 'LeadDoor', description: 'The door a lead came through.' });
