import { registerEnumType } from 'type-graphql';

/** Why a lead was rejected. Each code has the exact message the Opta contract prints. */
export enum ReasonCode {
  INVALID_SOURCE = 'INVALID_SOURCE',
  INVALID_AUTH = 'INVALID_AUTH',
  CAMPAIGN_INACTIVE = 'CAMPAIGN_INACTIVE',
  CAMPAIGN_PERIOD = 'CAMPAIGN_PERIOD',
  CAMPAIGN_SCHEDULE = 'CAMPAIGN_SCHEDULE',
  MISSING_FIELDS = 'MISSING_FIELDS',
  EMAIL_FORMAT = 'EMAIL_FORMAT',
  PHONE_FORMAT = 'PHONE_FORMAT',
  ZIP_FORMAT = 'ZIP_FORMAT',
  URL_FORMAT = 'URL_FORMAT',
  PHONE_BLOCKED = 'PHONE_BLOCKED',
  /** Dialer lists only: the number is on the account's or the dialer campaign's DNC list (check_dnc). */
  PHONE_DNC = 'PHONE_DNC',
  EMAIL_BLOCKED = 'EMAIL_BLOCKED',
  SUBID_BLOCKED = 'SUBID_BLOCKED',
  AFFID_BLOCKED = 'AFFID_BLOCKED',
  NON_US_IP = 'NON_US_IP',
  IP_VERIFICATION = 'IP_VERIFICATION',
  MISSING_CONSENT = 'MISSING_CONSENT',
  TRUSTEDFORM_FORMAT = 'TRUSTEDFORM_FORMAT',
  JORNAYA_FORMAT = 'JORNAYA_FORMAT',
  STATE_TARGETING = 'STATE_TARGETING',
  ZIP_TARGETING = 'ZIP_TARGETING',
  CONDITION = 'CONDITION',
  FILTER = 'FILTER',
  DUPLICATE_EMAIL = 'DUPLICATE_EMAIL',
  DUPLICATE_PHONE = 'DUPLICATE_PHONE',
  DAILY_CAP = 'DAILY_CAP',
  WEEKLY_CAP = 'WEEKLY_CAP',
  MONTHLY_CAP = 'MONTHLY_CAP',
  TOTAL_CAP = 'TOTAL_CAP',
  CAMPAIGN_CAP = 'CAMPAIGN_CAP',
}

/** The contract's message for each reason; `{fields}` and `{name}` are filled by {@link reasonMessage}. */
export const REASON_MESSAGES: Readonly<Record<ReasonCode, string>> = {
  INVALID_SOURCE: 'Invalid source',
  INVALID_AUTH: 'Invalid auth',
  CAMPAIGN_INACTIVE: 'Campaign inactive',
  CAMPAIGN_PERIOD: 'Campaign period',
  CAMPAIGN_SCHEDULE: 'Campaign schedule',
  MISSING_FIELDS: 'Missing {fields}',
  EMAIL_FORMAT: 'Email format',
  PHONE_FORMAT: 'Phone format',
  ZIP_FORMAT: 'Zip format',
  URL_FORMAT: 'URL format',
  PHONE_BLOCKED: 'Phone blocked',
  PHONE_DNC: 'Phone on DNC list',
  EMAIL_BLOCKED: 'Email blocked',
  SUBID_BLOCKED: 'SubID blocked',
  AFFID_BLOCKED: 'AffID blocked',
  NON_US_IP: 'Non-US IP',
  IP_VERIFICATION: 'IP verification',
  MISSING_CONSENT: 'Missing TrustedForm/Jornaya',
  TRUSTEDFORM_FORMAT: 'TrustedForm format',
  JORNAYA_FORMAT: 'Jornaya format',
  STATE_TARGETING: 'State targeting',
  ZIP_TARGETING: 'Zip targeting',
  CONDITION: 'Condition: {name}',
  FILTER: 'Filter: {name}',
  DUPLICATE_EMAIL: 'Duplicate email',
  DUPLICATE_PHONE: 'Duplicate phone',
  DAILY_CAP: 'Daily cap',
  WEEKLY_CAP: 'Weekly cap',
  MONTHLY_CAP: 'Monthly cap',
  TOTAL_CAP: 'Total cap',
  CAMPAIGN_CAP: 'Campaign cap',
};

/**
 * The contract message for a reason, placeholders filled: `{fields}` is the missing field
 * names joined by ", " in the order the campaign lists them; `{name}` a condition's name.
 */
export function reasonMessage(code: ReasonCode, params: Record<string, string> = {}): string {
  return REASON_MESSAGES[code].replace(/\{(\w+)\}/g, (_, key: string) => params[key] ?? '');
}

registerEnumType(ReasonCode, {
  name: 'ReasonCode',
  description: 'Why a lead was rejected; each has an exact message (see Lead.reasonMessage).',
  valuesConfig: Object.fromEntries(
    Object.values(ReasonCode).map((code) => [code, { description: `"${REASON_MESSAGES[code]}"` }]),
  ) as Record<ReasonCode, { description: string }>,
});
