import { registerEnumType } from 'type-graphql';

/** Whether an email may receive a deployment type's mailings: Omeda's filter status. */
export enum OptStatus {
  IN = 'IN',
  OUT = 'OUT',
}

/** How wide an opt-in or opt-out entry reaches. */
export enum OptInLevel {
  /** Every active deployment type of every brand the caller may use. */
  CLIENT = 'CLIENT',
  /** Every active deployment type of the named brands. */
  BRAND = 'BRAND',
  /** Exactly the listed deployment types. */
  DEPLOYMENT_TYPE = 'DEPLOYMENT_TYPE',
}

/** The queue a submission was posted to. */
export enum OptInQueue {
  OPT_IN = 'OPT_IN',
  OPT_OUT = 'OPT_OUT',
}

/** The door a submission came through. */
export enum OptInDoor {
  OMEDA = 'OMEDA',
  GRAPHQL = 'GRAPHQL',
}

/** What became of a submission: all of it was applied, or none of it. */
export enum OptInOutcome {
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
}

registerEnumType(OptStatus, { name: 'OptStatus', description: 'IN: the email may receive the deployment type; OUT: it may not.' });
registerEnumType(OptInLevel, {
  name: 'OptInLevel',
  description: 'How wide an opt-in or opt-out entry reaches: the client, brands or deployment types.',
});
registerEnumType(OptInQueue, { name: 'OptInQueue', description: 'The queue a submission was posted to.' });
registerEnumType(OptInDoor, {
  name: 'OptInDoor',
  description: 'The door a submission came through: the Omeda-compatible REST queue or GraphQL.',
});
registerEnumType(OptInOutcome, {
  name: 'OptInOutcome',
  description: 'ACCEPTED: every entry was applied (some may be skipped with a message); REJECTED: nothing was written.',
});
