import { stringify } from 'csv-stringify/sync';
import { maskEmail, maskName, maskPhone, maskWhole, maskZip } from '../../shared/mask.js';

/** Columns of `GET /leads.csv`, in order (the header row). */
export const CSV_COLUMNS = [
  'id',
  'receivedAt',
  'status',
  'reasonCode',
  'reasonMessage',
  'price',
  'isTest',
  'door',
  'campaignId',
  'campaignName',
  'sourceId',
  'sourceName',
  'first',
  'last',
  'email',
  'phone',
  'address',
  'city',
  'state',
  'zip',
  'ip',
  'subId',
  'affId',
  'trustedFormCertUrl',
  'jornayaLeadId',
  'extra',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/**
 * What a READER key sees of each contact field: the same masks as the `Lead` type shows it over
 * GraphQL (an initial, the email's domain, the phone's last four digits, the ZIP's first three).
 */
export const READER_MASKS: Partial<Record<CsvColumn, (value: string | null) => string | null>> = {
  first: maskName,
  last: maskName,
  email: maskEmail,
  phone: maskPhone,
  address: maskWhole,
  zip: maskZip,
  ip: maskWhole,
  trustedFormCertUrl: maskWhole,
  jornayaLeadId: maskWhole,
};

/** The lead columns a page reads, as `leads l` joined to `campaigns c` and `sources s`. */
export const CSV_SELECT = `l.id, l.received_at, l.status, l.reason_code, l.reason_message, l.price_cents, l.is_test, l.door,
  l.campaign_id, c.name as campaign_name, l.source_id, s.name as source_name, l.first, l.last, l.email, l.phone, l.address, l.city,
  l.state, l.zip, l.ip, l.sub_id, l.aff_id, l.trusted_form_cert_url, l.jornaya_lead_id, l.extra`;

/** A lead row as {@link CSV_SELECT} reads it on either engine. */
export type CsvLeadRow = Record<string, unknown>;

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const time = (v: unknown): number =>
  v instanceof Date ? v.getTime() : typeof v === 'number' ? v : /^\d+$/.test(String(v)) ? Number(v) : Date.parse(String(v));

/**
 * A cell a spreadsheet would run as a formula (`=`, `@`, or `+`/`-` not followed by a plain
 * number) gets a leading apostrophe, so a hostile field posted by a vendor stays text.
 */
export function spreadsheetSafe(value: string | null): string | null {
  if (value === null || value === '') return value;
  const first = value[0]!;
  if (first === '=' || first === '@' || first === '\t' || first === '\r') return `'${value}`;
  if ((first === '+' || first === '-') && !/^[+-][\d\s().-]*$/.test(value)) return `'${value}`;
  return value;
}

/** One CSV record of a lead row, contact fields masked for READER keys. */
export function csvRecord(row: CsvLeadRow, masked: boolean): Record<CsvColumn, string | null> {
  const extra = typeof row.extra === 'string' ? row.extra : JSON.stringify(row.extra ?? {});
  const record: Record<CsvColumn, string | null> = {
    id: text(row.id),
    receivedAt: new Date(time(row.received_at)).toISOString(),
    status: text(row.status),
    reasonCode: text(row.reason_code),
    reasonMessage: text(row.reason_message),
    price: (Number(row.price_cents ?? 0) / 100).toFixed(2),
    isTest: row.is_test === true || Number(row.is_test) === 1 ? 'true' : 'false',
    door: text(row.door),
    campaignId: text(row.campaign_id),
    campaignName: text(row.campaign_name),
    sourceId: text(row.source_id),
    sourceName: text(row.source_name),
    first: text(row.first),
    last: text(row.last),
    email: text(row.email),
    phone: text(row.phone),
    address: text(row.address),
    city: text(row.city),
    state: text(row.state),
    zip: text(row.zip),
    ip: text(row.ip),
    subId: text(row.sub_id),
    affId: text(row.aff_id),
    trustedFormCertUrl: text(row.trusted_form_cert_url),
    jornayaLeadId: text(row.jornaya_lead_id),
    extra: extra === '{}' ? null : extra,
  };
  if (masked) {
    for (const [column, mask] of Object.entries(READER_MASKS) as Array<[CsvColumn, (v: string | null) => string | null]>)
      record[column] = mask(record[column]);
  }
  for (const column of CSV_COLUMNS) record[column] = spreadsheetSafe(record[column]);
  return record;
}

/** A page of an export: its CSV lines, how many rows, and the last row's (received_at, id) to read on from. */
export interface CsvPage {
  text: string;
  count: number;
  last: { at: number; id: string } | null;
}

/** The header line of the export. */
export const csvHeader = (): string => stringify([[...CSV_COLUMNS]]);

/** Lead rows (in export order) as CSV lines, without the header. */
export function csvPage(rows: readonly CsvLeadRow[], masked: boolean): CsvPage {
  const last = rows.at(-1);
  return {
    text: rows.length
      ? stringify(
          rows.map((row) => csvRecord(row, masked)),
          { columns: [...CSV_COLUMNS] },
        )
      : '',
    count: rows.length,
    last: last ? { at: time(last.received_at), id: String(last.id) } : null,
  };
}
