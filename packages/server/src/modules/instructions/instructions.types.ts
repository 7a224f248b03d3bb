import type { ConsentRequirement, ListMode, RuleKind, Weekday } from '../campaigns/requirement-enums.js';
import type { RejectionReason } from './rejection-reasons.js';

/** The kind of value a field holds, as posting instructions name it. */
export type FieldType = 'text' | 'email' | 'phone' | 'state' | 'zip' | 'ip' | 'url' | 'uuid';

/** One lead field of the instructions' field table. */
export interface InstructionsField {
  /** The name to post it under at /ca/submit. */
  name: string;
  /** Other names /ca/submit also reads for it. */
  aliases: string[];
  type: FieldType;
  required: boolean;
  /** Who requires it: the campaign, or this source's approval; null when optional. */
  requiredBy: 'campaign' | 'source' | null;
  /** A campaign custom field (not one of the standard fields). */
  custom: boolean;
  description: string;
  example: string;
}

/** Caps on accepted live leads per calendar period; null is no cap. */
export interface CapsView {
  daily: number | null;
  weekly: number | null;
  monthly: number | null;
  total: number | null;
  /** e.g. "100 per day, 5,000 in total", or "No caps". */
  text: string;
}

export interface ScheduleWindowView {
  days: Weekday[];
  start: string;
  end: string;
  /** The window closes the next day (end before start). */
  overnight: boolean;
  /** e.g. "Mon–Fri, 09:00–17:00". */
  text: string;
}

export interface NamedRuleView {
  name: string;
  kind: RuleKind;
  /** The rule in words, with fields as posted (describeCondition). */
  description: string;
  /** The exact message a lead it rejects gets. */
  rejectMessage: string;
}

/** The campaign's requirements for this source, each with a sentence a vendor can read. */
export interface RequirementsView {
  schedule: { timeZone: string; timeZoneName: string; alwaysOpen: boolean; windows: ScheduleWindowView[]; text: string };
  period: { start: string | null; end: string | null; text: string };
  states: { mode: ListMode; states: string[]; text: string } | null;
  zips: { mode: ListMode; count: number; csvUrl: string; text: string } | null;
  caps: { source: CapsView; campaign: CapsView };
  duplicates: { keys: string[]; windowDays: number; text: string };
  consent: { requirement: ConsentRequirement; text: string };
  usIpOnly: boolean;
  rules: NamedRuleView[];
  blocked: { subIds: string[]; affIds: string[] };
}

/** Everything a vendor needs to post into one campaign as one source; the page renders this. */
export interface PostingInstructions {
  campaign: { id: string; name: string; category: string; active: boolean; status: string; timeZone: string };
  source: { id: string; name: string; approved: boolean };
  endpoints: {
    jsonApi: { url: string; method: 'POST'; contentTypes: string[] };
    webhook: { url: string; mapped: boolean } | null;
  };
  headers: Array<{ name: string; value: string; required: boolean }>;
  credentials: { compid: string; sourceid: string; campid: string; authPreview: string; authNote: string };
  fields: InstructionsField[];
  requirements: RequirementsView;
  responses: ReplyExample[];
  rejectionReasons: RejectionReason[];
  /** An example request body (the auth key as a placeholder), a test lead that passes the format checks. */
  sample: Record<string, string>;
  curl: string;
  links: { page: string; json: string; zipsCsv: string };
  /**
   * Set when this source posts through the dialer door (a dialer campaign's API source): the
   * page then documents that door instead of the JSON API and the webhook.
   */
  dialer: DialerInstructions | null;
}

/** The dialer insert door as one dialer campaign's source posts to it. */
export interface DialerInstructions {
  dialerCampaign: { id: number; name: string };
  endpoint: { url: string; methods: Array<'GET' | 'POST'>; contentTypes: string[] };
  /** The lists leads may be inserted into (`list_id`); archived lists take no inserts. */
  lists: Array<{ id: number; name: string }>;
  /** Lead fields under their dialer names. */
  fields: InstructionsField[];
  /** The parameters that steer an insert (duplicate and DNC checks, hopper, updates). */
  options: Array<{ name: string; values: string; description: string }>;
  replies: ReplyExample[];
  /** Every error code the door answers, with its text and what it means. */
  codes: Array<{ code: number; text: string; meaning: string }>;
  /** An example insert (the token as a placeholder) that passes the campaign's rules. */
  sample: Record<string, string>;
  curl: string;
}

/** A reply the door gives, as the page shows it. */
export interface ReplyExample {
  title: string;
  body: string;
  description: string;
}

/** The replies of the door a source posts to, for a lead worth `priceCents` (the door's shim provides them). */
export type ReplyExamples = (priceCents: number) => ReplyExample[];

/** The dialer door's replies, as its shim renders them (a success with `leadId`, and each error). */
export interface DialerReplyExamples {
  inserted(leadId: number): string;
  error(error: { code: number; text: string }): string;
}
