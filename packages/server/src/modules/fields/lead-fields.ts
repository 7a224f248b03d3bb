/**
 * The standard lead fields: their names as Leadgate stores them, their maximum lengths, and
 * a description for posting instructions. Any other field name is a custom (extra) field.
 */
export const STANDARD_FIELDS = {
  first: { max: 100, description: 'First name' },
  last: { max: 100, description: 'Last name' },
  email: { max: 254, description: 'Email address' },
  phone: { max: 32, description: 'Phone number (US); stored as E.164' },
  address: { max: 200, description: 'Street address' },
  city: { max: 100, description: 'City' },
  state: { max: 32, description: 'State, 2-letter code' },
  zip: { max: 16, description: 'ZIP code, 5 or 9 digits' },
  ip: { max: 64, description: "Consumer's IP address" },
  subId: { max: 100, description: 'Publisher sub id' },
  affId: { max: 100, description: 'Publisher affiliate id' },
  trustedFormCertUrl: { max: 500, description: 'TrustedForm certificate URL' },
  jornayaLeadId: { max: 100, description: 'Jornaya LeadiD token' },
} as const;

export type StandardField = keyof typeof STANDARD_FIELDS;

export const STANDARD_FIELD_NAMES = Object.keys(STANDARD_FIELDS) as StandardField[];

export const isStandardField = (name: string): name is StandardField => Object.hasOwn(STANDARD_FIELDS, name);

/** A custom field name: a letter, then up to 63 letters, digits or underscores. */
export const CUSTOM_FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** Longest value a custom field may hold. */
export const MAX_EXTRA_VALUE_LENGTH = 2000;

/** Most custom fields one lead may carry. */
export const MAX_EXTRA_FIELDS = 100;
