import type { StandardField } from '../fields/lead-fields.js';

/** Dialer field names that are Leadgate standard fields; every other lead field is kept as a custom field under its own name. */
export const DIALER_STANDARD_FIELDS: Readonly<Record<string, StandardField>> = {
  first_name: 'first',
  last_name: 'last',
  email: 'email',
  address1: 'address',
  city: 'city',
  state: 'state',
  postal_code: 'zip',
};

/** The reference's other standard lead fields (kept as custom fields with these names). */
export const DIALER_OTHER_FIELDS = [
  'address2',
  'province',
  'country',
  'alt_phone_1',
  'alt_phone_2',
  'gender',
  'date_of_birth',
  'notes',
  'status',
  'created_by',
  'last_modified_by',
  'owner_id',
] as const;

/** Splits dialer lead fields (by their dialer names) into Leadgate standard fields and custom fields. */
export function splitDialerFields(values: Readonly<Record<string, string>>): {
  fields: Partial<Record<StandardField, string>>;
  extra: Record<string, string>;
} {
  const fields: Partial<Record<StandardField, string>> = {};
  const extra: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(values)) {
    if (Object.hasOwn(DIALER_STANDARD_FIELDS, name)) fields[DIALER_STANDARD_FIELDS[name]!] = value;
    else extra[name] = value;
  }
  return { fields, extra };
}
