import { REASON_MESSAGES, ReasonCode } from '../leads/reason-code.js';

/** A rejection reason as posting instructions list it. */
export interface RejectionReason {
  code: ReasonCode;
  /** The exact `message` of the reply; `{fields}` / `{name}` are filled in. */
  message: string;
  meaning: string;
  group: string;
}

const GROUPS: ReadonlyArray<readonly [group: string, reasons: ReadonlyArray<readonly [ReasonCode, string]>]> = [
  [
    'Source and authentication',
    [
      [
        ReasonCode.INVALID_SOURCE,
        'The source id, campaign id or company id is not recognized, or your source is not (or no longer) approved for this campaign.',
      ],
      [ReasonCode.INVALID_AUTH, 'The auth key is missing or incorrect.'],
      [ReasonCode.SUBID_BLOCKED, 'The sub id is blocked for your source on this campaign.'],
      [ReasonCode.AFFID_BLOCKED, 'The affiliate id is blocked for your source on this campaign.'],
    ],
  ],
  [
    'Schedule and status',
    [
      [ReasonCode.CAMPAIGN_INACTIVE, 'The campaign is currently inactive.'],
      [ReasonCode.CAMPAIGN_PERIOD, "The lead was sent outside the campaign's active date range."],
      [ReasonCode.CAMPAIGN_SCHEDULE, "The lead was sent outside the campaign's schedule windows."],
    ],
  ],
  [
    'Missing or invalid data',
    [
      [
        ReasonCode.MISSING_FIELDS,
        'One or more required fields were not sent or were empty; every missing field is named, e.g. "Missing first, zip".',
      ],
      [ReasonCode.EMAIL_FORMAT, 'The email address is not in a valid format.'],
      [ReasonCode.PHONE_FORMAT, 'The phone number is not a possible US number.'],
      [ReasonCode.ZIP_FORMAT, 'The ZIP code is not 5 or 9 digits.'],
      [ReasonCode.URL_FORMAT, 'A URL field does not hold an http(s) URL.'],
      [ReasonCode.IP_VERIFICATION, 'The ip value is not an IPv4 or IPv6 address.'],
      [ReasonCode.NON_US_IP, "The lead's IP address is not in the US."],
      [ReasonCode.PHONE_BLOCKED, "The phone number is on the client's block list."],
      [ReasonCode.EMAIL_BLOCKED, "The email address is on the client's block list."],
      [ReasonCode.PHONE_DNC, 'Dialer lists only: the phone number is on a Do Not Call list and the insert asked for a DNC check.'],
    ],
  ],
  [
    'Compliance',
    [
      [ReasonCode.MISSING_CONSENT, 'A TrustedForm certificate or Jornaya LeadiD is required but was not sent.'],
      [ReasonCode.TRUSTEDFORM_FORMAT, 'The TrustedForm certificate URL is not https://cert.trustedform.com/ followed by 40 hex digits.'],
      [ReasonCode.JORNAYA_FORMAT, 'The Jornaya LeadiD is not a UUID.'],
    ],
  ],
  [
    'Targeting and filters',
    [
      [ReasonCode.STATE_TARGETING, "The lead's state is not accepted by this campaign."],
      [ReasonCode.ZIP_TARGETING, "The lead's ZIP code is not accepted by this campaign."],
      [ReasonCode.CONDITION, 'The lead does not meet a campaign condition; {name} is its name (see Requirements).'],
      [ReasonCode.FILTER, 'The lead matches a campaign filter; {name} is its name (see Requirements).'],
    ],
  ],
  [
    'Duplicates',
    [
      [ReasonCode.DUPLICATE_EMAIL, 'A lead with this email was already accepted within the duplicate window.'],
      [ReasonCode.DUPLICATE_PHONE, 'A lead with this phone was already accepted within the duplicate window.'],
    ],
  ],
  [
    'Caps',
    [
      [ReasonCode.DAILY_CAP, 'Your source reached its daily cap on this campaign.'],
      [ReasonCode.WEEKLY_CAP, 'Your source reached its weekly cap (weeks start on Monday).'],
      [ReasonCode.MONTHLY_CAP, 'Your source reached its monthly cap.'],
      [ReasonCode.TOTAL_CAP, 'Your source reached its total cap.'],
      [ReasonCode.CAMPAIGN_CAP, 'The campaign reached one of its own caps.'],
    ],
  ],
];

/** Every reason a lead can be rejected with, grouped, with its exact message and what it means. */
export const REJECTION_REASONS: readonly RejectionReason[] = GROUPS.flatMap(([group, reasons]) =>
  reasons.map(([code, meaning]) => ({ code, message: REASON_MESSAGES[code], meaning, group })),
);
