import { registerEnumType } from 'type-graphql';

/** Whether a buyer takes leads. */
export enum BuyerStatus {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
}

registerEnumType(BuyerStatus, { name: 'BuyerStatus', description: 'Whether a buyer takes leads: only ACTIVE buyers are offered leads.' });
