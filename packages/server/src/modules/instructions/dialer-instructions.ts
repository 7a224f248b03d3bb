import type { EntityManager } from '@mikro-orm/core';
import type { Campaign } from '../campaigns/campaign.entity.js';
import { CustomFieldType } from '../campaigns/requirement-enums.js';
import { DIALER_CODES, DialerCampaign, DialerList, MAX_HOPPER_EXPIRY_MINUTES } from '../dialer/index.js';
import type { StandardField } from '../fields/lead-fields.js';
import type { SourceCampaign } from '../sources/source-campaign.entity.js';
import type { DialerInstructions, DialerReplyExamples, InstructionsField } from './instructions.types.js';
import { customExample, exampleFromConditions } from './sample-lead.js';

/** Dialer field names of the standard fields the dialer door reads, in the order the page lists them. */
const DIALER_NAMES: ReadonlyArray<readonly [name: string, field: StandardField | null, description: string]> = [
  ['phone_number', 'phone', 'US phone number, 10 digits; punctuation is fine.'],
  ['phone_code', null, 'Country code; default 1 (US numbers only).'],
  ['first_name', 'first', "Consumer's first name."],
  ['last_name', 'last', "Consumer's last name."],
  ['email', 'email', "Consumer's email address."],
  ['address1', 'address', 'Street address.'],
  ['address2', null, 'Address line 2.'],
  ['city', 'city', 'City.'],
  ['state', 'state', 'Two-letter state code, e.g. CA.'],
  ['province', null, 'Province.'],
  ['postal_code', 'zip', 'ZIP code: 5 digits, or ZIP+4.'],
  ['country', null, 'Country.'],
  ['alt_phone_1', null, 'Cell phone.'],
  ['alt_phone_2', null, 'Work phone.'],
  ['gender', null, 'Gender.'],
  ['date_of_birth', null, 'Date of birth, as you keep it (e.g. 1990-12-10).'],
  ['notes', null, 'Notes.'],
];

const OPTIONS: DialerInstructions['options'] = [
  {
    name: 'check_dup',
    values: '0-3',
    description:
      'Refuse (6009) a number already in: 0 nowhere (default), 1 any list of the account, 2 this list, 3 any list of this dialer campaign.',
  },
  { name: 'check_dup_archive', values: '0 or 1', description: 'Count archived lists too.' },
  {
    name: 'check_dnc',
    values: '0 or 1',
    description: "Refuse (6102) a number on the account's, the purpose or this dialer campaign's DNC list.",
  },
  { name: 'hopper', values: '0 or 1', description: 'Queue the lead for dialing at once.' },
  { name: 'hopper_priority', values: '0-99', description: 'Its priority in the hopper; default 99.' },
  {
    name: 'hopper_expires_in',
    values: `0-${MAX_HOPPER_EXPIRY_MINUTES}`,
    description: 'Minutes until it leaves the hopper; 0 or empty never (also spelled hopper_expire_in).',
  },
  { name: 'update_if_found', values: '0 or 1', description: 'Update the lead with this number (or lead_id) instead of inserting one.' },
  { name: 'search_list_id / search_campaign_id', values: 'ids', description: 'Where update_if_found looks; default the whole account.' },
  { name: 'lead_id', values: 'id', description: 'The lead update_if_found updates; 0 or empty matches by phone.' },
  {
    name: 'update_order_by_last_called_time',
    values: 'ASC or DESC',
    description: 'Which match update_if_found updates when several do (DESC, the newest, by default).',
  },
];

const MEANINGS: Record<number, string> = {
  [DIALER_CODES.NO_SUCH_LIST.code]: "The list_id is not one of this account's open lists.",
  [DIALER_CODES.PHONE_AND_LIST_REQUIRED.code]: 'phone_number or list_id is missing or empty.',
  [DIALER_CODES.INVALID_PHONE.code]: 'The number is not a possible US number.',
  [DIALER_CODES.DUPLICATE_PHONE.code]: 'check_dup found the number where it looked.',
  [DIALER_CODES.REQUIRED_FIELDS.code]: 'A field the campaign requires is missing.',
  [DIALER_CODES.INVALID_EMAIL.code]: 'The email is not a valid address.',
  [DIALER_CODES.FORBIDDEN.code]: 'The token may not insert here.',
  [DIALER_CODES.INVALID_TOKEN.code]: 'The auth_token is unknown or revoked.',
  [DIALER_CODES.DNC.code]: "check_dnc found the number on a DNC list (Leadgate's code).",
  [DIALER_CODES.NO_SUCH_CAMPAIGN.code]: "search_campaign_id names no dialer campaign of the account (Leadgate's code).",
  [DIALER_CODES.REJECTED.code]:
    'Another rule of the campaign refused the lead; the text is its reason, e.g. "Campaign schedule" (Leadgate\'s code).',
  [DIALER_CODES.BAD_REQUEST.code]: 'The request cannot be read (nested values, a bad option value); the text says why.',
};

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * The dialer door's instructions for an approval whose source is a dialer campaign's API source,
 * or null when the source posts through the other doors.
 */
export async function dialerInstructions(
  em: EntityManager,
  approval: SourceCampaign,
  campaign: Campaign,
  origin: string,
  examples: Record<StandardField, string>,
  replies: DialerReplyExamples,
): Promise<DialerInstructions | null> {
  const dialerCampaign = await em.findOne(DialerCampaign, { apiSource: approval.source.id });
  if (!dialerCampaign) return null;
  const lists = await em.find(DialerList, { dialerCampaign, archived: false }, { orderBy: { id: 'asc' } });
  const required = new Set([...campaign.requiredFields, ...approval.requiredFields]);
  const requiredBy = (name: string): InstructionsField['requiredBy'] =>
    campaign.requiredFields.includes(name) ? 'campaign' : approval.requiredFields.includes(name) ? 'source' : null;
  const fields: InstructionsField[] = DIALER_NAMES.map(([name, field, description]) => {
    const mandatory = name === 'phone_number' || (field !== null && required.has(field));
    return {
      name,
      aliases: [],
      type: field === 'email' ? 'email' : field === 'phone' ? 'phone' : field === 'state' ? 'state' : field === 'zip' ? 'zip' : 'text',
      required: mandatory,
      requiredBy: name === 'phone_number' ? 'campaign' : field ? requiredBy(field) : null,
      custom: false,
      description,
      example: field ? (field === 'phone' ? examples.phone.replace(/\D/g, '') : examples[field]) : name === 'phone_code' ? '1' : '',
    };
  });
  for (const custom of campaign.customFields) {
    fields.push({
      name: custom.name,
      aliases: [],
      type: custom.type === CustomFieldType.URL ? 'url' : 'text',
      required: required.has(custom.name),
      requiredBy: requiredBy(custom.name),
      custom: true,
      description: custom.description?.trim() || 'Custom field.',
      example: (custom.type === CustomFieldType.TEXT ? exampleFromConditions(campaign.rules, custom.name) : null) ?? customExample(custom),
    });
  }
  const listId = lists[0] ? String(lists[0].id) : 'YOUR_LIST_ID';
  const sample: Record<string, string> = { auth_token: 'YOUR_API_TOKEN', list_id: listId };
  for (const f of fields) {
    if (
      f.example !== '' &&
      (f.required || ['first_name', 'last_name', 'email', 'address1', 'city', 'state', 'postal_code'].includes(f.name))
    )
      sample[f.name] = f.example;
  }
  const url = `${origin}/v1/leads/insert`;
  const codes = Object.values(DIALER_CODES).map((c) => ({ code: c.code, text: c.text, meaning: MEANINGS[c.code] ?? '' }));
  return {
    dialerCampaign: { id: dialerCampaign.id, name: dialerCampaign.name },
    endpoint: {
      url,
      methods: ['POST', 'GET'],
      contentTypes: ['application/x-www-form-urlencoded', 'application/json', 'query string only'],
    },
    lists: lists.map((l) => ({ id: l.id, name: l.name })),
    fields,
    options: OPTIONS,
    replies: [
      {
        title: 'Inserted',
        body: replies.inserted(65007347),
        description: 'The lead is in the list; lead_id (and id) is its dialer lead id, as a string. HTTP 200.',
      },
      {
        title: 'Refused',
        body: replies.error(DIALER_CODES.DUPLICATE_PHONE),
        description: 'Every refusal is HTTP 200 with success false, a code and a text; the codes are listed below.',
      },
      { title: 'Invalid token', body: replies.error(DIALER_CODES.INVALID_TOKEN), description: 'Checked before anything else.' },
    ],
    codes,
    sample,
    curl: [
      `curl -sS -X POST ${shellQuote(url)} \\`,
      ...Object.entries(sample).map(
        ([k, v], i, all) => `  --data-urlencode ${shellQuote(`${k}=${v}`)}${i === all.length - 1 ? '' : ' \\'}`,
      ),
    ].join('\n'),
  };
}
