import { registerEnumType } from 'type-graphql';

/** Why a lead was rejected. Each code has the exact message the Opta contract prints. */
export enum ReasonCode {
  INVALID_SOURCE = 'INVALID_SOURCE',
  INVALID_AUTH = 'INVALID_AUTH',
  CAMPAIGN_INACTIVE = 'CAMPAIGN_INACTIVE',
  MISSING_FIELDS = 'MISSING_FIELDS',
}

const MESSAGES: Record<ReasonCode, string> = {
  INVALID_SOURCE: 'Invalid source',
  INVALID_AUTH: 'Invalid auth',
  CAMPAIGN_INACTIVE: 'Campaign inactive',
  MISSING_FIELDS: 'Missing {fields}',
};

/**
 * The contract message for a reason, placeholders filled: `{fields}` is the missing field
 * names joined by ", " in the order the campaign lists them.
 */
export function reasonMessage(code: ReasonCode, params: Record<string, string> = {}): string {
  return MESSAGES[code].replace(/\{(\w+)\}/g, (_, key: string) => params[key] ?? '');
}

registerEnumType(ReasonCode, {
  name: 'ReasonCode',
  description: 'Why a lead was rejected; each has an exact message (see Lead.reasonMessage).',
  valuesConfig: Object.fromEntries(
    Object.values(ReasonCode).map((code) => [code, { description: `"${MESSAGES[code]}"` }]),
  ) as Record<ReasonCode, { description: string }>,
});
