import { badInput } from '../../errors/app-error.js';
import { CUSTOM_FIELD_NAME, isStandardField, type StandardField } from '../fields/index.js';

/** What an imported lead row may carry besides its lead fields. */
export const LEAD_META = ['receivedAt', 'status', 'price', 'key', 'campaignId', 'sourceId'] as const;
export type LeadMeta = (typeof LEAD_META)[number];

/** A target of a column: a standard field, a row's meta value, or a custom field (`extra.<name>`). */
export type ColumnTarget = StandardField | LeadMeta | `extra.${string}`;

/**
 * Column names read without being told, by target: Leadgate's names, the vendors' (Opta,
 * dialer, LeadConduit) and common export headers. Compared without regard to case, spaces,
 * dashes or underscores.
 */
const KNOWN: Readonly<Record<StandardField | LeadMeta, readonly string[]>> = {
  first: ['first', 'first_name', 'firstname', 'fname', 'given_name'],
  last: ['last', 'last_name', 'lastname', 'lname', 'surname', 'family_name'],
  email: ['email', 'email_address', 'emailaddress', 'e_mail'],
  phone: ['phone', 'phone_number', 'phone1', 'phone_1', 'primary_phone', 'mobile', 'telephone'],
  address: ['address', 'address1', 'address_1', 'street', 'street_address'],
  city: ['city'],
  state: ['state', 'state_code', 'province_code'],
  zip: ['zip', 'zip_code', 'zipcode', 'postal_code', 'postcode'],
  ip: ['ip', 'ip_address', 'ipaddress'],
  subId: ['subid', 'sub_id'],
  affId: ['affid', 'aff_id', 'affiliate_id'],
  trustedFormCertUrl: ['trustedformcerturl', 'trustedform_cert_url', 'xxtrustedformcerturl', 'trusted_form_cert_url', 'tf', 'trustedform'],
  jornayaLeadId: ['jornayaleadid', 'jornaya_leadid', 'universal_leadid', 'leadid_token', 'jornaya'],
  receivedAt: [
    'receivedat',
    'received_at',
    'created_at',
    'createdat',
    'created',
    'date',
    'timestamp',
    'submitted_at',
    'insert_date',
    'lead_date',
  ],
  status: ['status', 'lead_status', 'leadstatus', 'outcome'],
  price: ['price', 'payout', 'revenue', 'cost'],
  key: ['key', 'lead_id', 'leadid', 'id', 'external_id', 'uuid'],
  campaignId: ['campaignid', 'campaign_id', 'campid'],
  sourceId: ['sourceid', 'source_id', 'pubid', 'publisher_id'],
};

const simplify = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');

/** What a kind of import reads: its targets with the headers known for each, and whether other columns become custom fields. */
export interface ColumnSchema {
  known: Readonly<Record<string, readonly string[]>>;
  /** Other headers that are valid custom field names become `extra.<name>` (leads only). */
  extra: boolean;
}

/** Past leads: standard fields, meta values, and custom fields. */
export const LEAD_COLUMNS: ColumnSchema = { known: KNOWN, extra: true };

/** The target a header names by itself, or null. */
function knownTarget(header: string, schema: ColumnSchema): string | null {
  const simple = simplify(header);
  for (const [target, names] of Object.entries(schema.known)) if (names.some((n) => simplify(n) === simple)) return target;
  return null;
}

/** How the columns of a file become a lead: header index by target, and what was left out. */
export interface ColumnMap {
  columns: Array<{ header: string; target: ColumnTarget }>;
  /** Headers read as nothing (neither known, mapped, nor a valid custom field name). */
  ignored: string[];
}

/**
 * `field=column` pairs (`email=E-mail Address,receivedAt=Created`), as `leadgate import --map`
 * and GraphQL's mapping take them; a target is a standard field, a meta value or `extra.<name>`.
 */
export function parseMapping(text: string): Array<{ target: string; column: string }> {
  return text
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0 || at === pair.length - 1) throw badInput(`--map takes field=column pairs (got "${pair}")`, { field: 'mapping' });
      return { target: pair.slice(0, at).trim(), column: pair.slice(at + 1).trim() };
    });
}

function checkTarget(target: string, schema: ColumnSchema): ColumnTarget {
  if (Object.hasOwn(schema.known, target)) return target as ColumnTarget;
  if (schema.extra && target.startsWith('extra.') && CUSTOM_FIELD_NAME.test(target.slice(6))) return target as ColumnTarget;
  throw badInput(
    `"${target}" is not a field to map to: use ${Object.keys(schema.known).join(', ')}${schema.extra ? ' or extra.<custom field>' : ''}`,
    { field: 'mapping' },
  );
}

/**
 * The columns of a file with these `headers`: an explicit mapping first, then headers known by
 * name; other headers that are valid custom field names become custom fields, the rest are
 * ignored. Two columns for one target are refused, and so is a mapping naming no header unless
 * not `strict` (later JSON lines, which may leave keys out).
 */
export function columnMap(
  headers: readonly string[],
  mapping: ReadonlyArray<{ target: string; column: string }> = [],
  strict = true,
  schema: ColumnSchema = LEAD_COLUMNS,
): ColumnMap {
  const byHeader = new Map<string, ColumnTarget>();
  for (const { target, column } of mapping) {
    const header = headers.find((h) => h === column) ?? headers.find((h) => h.trim().toLowerCase() === column.toLowerCase());
    if (header === undefined) {
      // A JSON line without a mapped key just has no value there.
      checkTarget(target, schema);
      if (!strict) continue;
    }
    if (header === undefined)
      throw badInput(
        `The mapping names column "${column}", which the file does not have (it has ${headers.map((h) => `"${h}"`).join(', ')})`,
        { field: 'mapping' },
      );
    byHeader.set(header, checkTarget(target, schema));
  }
  const taken = new Set(byHeader.values());
  const ignored: string[] = [];
  for (const header of headers) {
    if (byHeader.has(header)) continue;
    const known = knownTarget(header, schema) as ColumnTarget | null;
    if (known && !taken.has(known)) {
      byHeader.set(header, known);
      taken.add(known);
    } else if (!known && schema.extra && CUSTOM_FIELD_NAME.test(header) && !isStandardField(header) && !(header in Object.prototype)) {
      byHeader.set(header, `extra.${header}`);
    } else {
      ignored.push(header);
    }
  }
  const seen = new Map<ColumnTarget, string>();
  for (const [header, target] of byHeader) {
    const other = seen.get(target);
    if (other !== undefined)
      throw badInput(`Columns "${other}" and "${header}" both map to ${target}; map one of them explicitly`, { field: 'mapping' });
    seen.set(target, header);
  }
  return { columns: headers.filter((h) => byHeader.has(h)).map((header) => ({ header, target: byHeader.get(header)! })), ignored };
}

/** A row read through a {@link ColumnMap}: its lead fields, custom fields and meta values (empty cells left out). */
export interface MappedRow {
  fields: Partial<Record<StandardField, string>>;
  extra: Record<string, string>;
  meta: Partial<Record<LeadMeta, string>>;
}

/** A cell as text: numbers and booleans as written, objects as JSON; null when empty. */
function cellText(raw: unknown): string | null {
  if (raw === undefined || raw === null) return null;
  const value = typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : JSON.stringify(raw);
  return value.trim() === '' ? null : value;
}

/** Reads one record through `map` as values by target (empty cells left out, trimmed). */
export function mapValues(map: ColumnMap, record: Readonly<Record<string, unknown>>): Record<string, string> {
  const values: Record<string, string> = Object.create(null);
  for (const { header, target } of map.columns) {
    const value = cellText(record[header]);
    if (value !== null) values[target] = value.trim();
  }
  return values;
}

/** Reads one record (values by header) through `map`. */
export function mapRow(map: ColumnMap, record: Readonly<Record<string, unknown>>): MappedRow {
  const row: MappedRow = { fields: {}, extra: Object.create(null), meta: {} };
  for (const { header, target } of map.columns) {
    const value = cellText(record[header]);
    if (value === null) continue;
    if (target.startsWith('extra.')) row.extra[target.slice(6)] = value;
    else if ((LEAD_META as readonly string[]).includes(target)) row.meta[target as LeadMeta] = value.trim();
    else row.fields[target as StandardField] = value;
  }
  return row;
}
