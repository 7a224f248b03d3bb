import { registerEnumType } from 'type-graphql';

/** Where a hopper entry stands. */
export enum HopperStatus {
  /** In the hopper, waiting to be dialed (and not past its expiry). */
  WAITING = 'WAITING',
  /** Taken out by removeFromHopper. */
  REMOVED = 'REMOVED',
  /** Its expiry passed before it was taken out. */
  EXPIRED = 'EXPIRED',
}

registerEnumType(HopperStatus, { name: 'HopperStatus', description: 'Where a hopper entry stands.' });
