import { AppError } from '../../errors/app-error.js';
import { hasUnpairedSurrogate } from '../../shared/validate.js';
import { STANDARD_FIELD_NAMES, isStandardField, type StandardField } from '../fields/lead-fields.js';
import type { LeadDraft } from '../intake/lead-draft.js';
import type { WebhookFieldMapping } from '../sources/webhook-mapping.js';

/** Most parameters one webhook request may carry. */
export const MAX_WEBHOOK_PARAMS = 200;

/** The mapping target that sets the test flag rather than a lead field. */
export const TEST_FIELD = 'test';

/** A webhook request could not be read; the message says why. */
export class WebhookRequestError extends AppError {
  constructor(message: string) {
    super('BAD_USER_INPUT', message);
  }
}

/**
 * Flattens a vendor's parameters: nested objects and arrays become dotted names
 * (`contact.phone`, `tags.0`), values become strings, and body values win over query ones.
 */
export function flattenParams(query: Record<string, unknown>, body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (value: unknown, name: string, depth: number) => {
    if (depth > 8) throw new WebhookRequestError(`${name} is nested too deeply`);
    if (value === null || value === undefined) return void (out[name] = '');
    if (typeof value === 'object') {
      const entries = Array.isArray(value)
        ? value.map((v, i) => [String(i), v] as const)
        : Object.entries(value as Record<string, unknown>);
      for (const [key, child] of entries) walk(child, name ? `${name}.${key}` : key, depth + 1);
      return;
    }
    const text = String(value);
    if (text.includes('\u0000') || name.includes('\u0000')) throw new WebhookRequestError(`${name} must not contain NUL characters`);
    if (hasUnpairedSurrogate(text) || hasUnpairedSurrogate(name))
      throw new WebhookRequestError(`${name} must be valid Unicode text (it holds an unpaired surrogate)`);
    // The parameters are kept with the lead as a JSON object, where such a name shadows what the
    // database layer reads of every object.
    if (name in Object.prototype) throw new WebhookRequestError(`"${name}" is a reserved parameter name; send it under another name`);
    out[name] = text;
  };
  walk(query, '', 0);
  if (body !== undefined && body !== null && body !== '') {
    if (typeof body !== 'object') throw new WebhookRequestError('The body must be a JSON object, a form or multipart fields');
    walk(body, '', 0);
  }
  if (Object.keys(out).length > MAX_WEBHOOK_PARAMS) throw new WebhookRequestError(`At most ${MAX_WEBHOOK_PARAMS} parameters are accepted`);
  return out;
}

/** Vendor parameter names (lower-case, letters and digits only) we recognise for each lead field. */
const SYNONYMS: Record<StandardField | typeof TEST_FIELD, string[]> = {
  first: ['first', 'firstname', 'fname', 'givenname', 'namefirst'],
  last: ['last', 'lastname', 'lname', 'surname', 'familyname', 'namelast'],
  email: ['email', 'emailaddress', 'mail', 'email1'],
  phone: [
    'phone',
    'phone1',
    'phonenumber',
    'phoneno',
    'mobile',
    'mobilephone',
    'cell',
    'cellphone',
    'telephone',
    'tel',
    'primaryphone',
    'homephone',
  ],
  address: ['address', 'address1', 'street', 'streetaddress', 'addressline1', 'addr'],
  city: ['city', 'town'],
  state: ['state', 'province', 'region', 'st', 'statecode'],
  zip: ['zip', 'zipcode', 'postalcode', 'postcode', 'zip5', 'postal'],
  ip: ['ip', 'ipaddress', 'userip', 'clientip', 'remoteip'],
  subId: ['subid', 'sub', 'subid1'],
  affId: ['affid', 'affiliateid', 'aff', 'publisherid', 'pubid'],
  trustedFormCertUrl: ['xxtrustedformcerturl', 'trustedformcerturl', 'trustedform', 'trustedformurl', 'tfcerturl', 'certurl'],
  jornayaLeadId: ['jornayaleadid', 'leadid', 'leadidtoken', 'universalleadid', 'jornaya', 'jornayatoken'],
  test: ['test', 'testlead', 'istest'],
};

const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * A mapping guessed from a sample's parameter names: `first_name`, `fname`, `FirstName` -> first;
 * `phone_1`, `phone_number` -> phone; `postal_code` -> zip; `xxTrustedFormCertUrl` -> TrustedForm;
 * a campaign custom field by its own name. Only the last segment of a dotted name is compared, and
 * each field and each parameter is used once.
 */
export function suggestMapping(names: readonly string[], customFields: readonly string[]): WebhookFieldMapping[] {
  const used = new Set<string>();
  const mapping: WebhookFieldMapping[] = [];
  const targets: Array<[string, string[]]> = [
    ...(Object.entries(SYNONYMS) as Array<[string, string[]]>),
    ...customFields.map((f): [string, string[]] => [f, [squash(f)]]),
  ];
  for (const [field, synonyms] of targets) {
    const match = names.find((n) => !used.has(n) && synonyms.includes(squash(n.split('.').at(-1)!)));
    if (match) {
      used.add(match);
      mapping.push({ field, from: match, constant: null });
    }
  }
  return mapping;
}

/** Applies a mapping to flattened parameters: the draft's fields, custom fields and test flag. */
export function applyMapping(
  params: Record<string, string>,
  mapping: readonly WebhookFieldMapping[],
): Pick<LeadDraft, 'fields' | 'extra' | 'test'> {
  const fields: LeadDraft['fields'] = {};
  const extra: Record<string, string> = {};
  let test = false;
  for (const entry of mapping) {
    const value = entry.constant ?? (entry.from ? params[entry.from] : undefined);
    if (value === undefined) continue;
    if (entry.field === TEST_FIELD) test = ['true', '1', 'yes'].includes(value.trim().toLowerCase());
    else if (isStandardField(entry.field)) fields[entry.field] = value;
    else extra[entry.field] = value;
  }
  return { fields, extra, test };
}

/** Every field a mapping may target: the standard ones and `test` (custom fields come from the campaign). */
export const MAPPABLE_STANDARD_FIELDS: readonly string[] = [...STANDARD_FIELD_NAMES, TEST_FIELD];
