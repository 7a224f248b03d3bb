import type { EntityManager } from '@mikro-orm/core';
import { requireAdmin, requireReadAccess } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { notFound } from '../../errors/app-error.js';
import { describeCondition, type Condition } from '../../rules/index.js';
import { CampaignStatus } from '../campaigns/campaign-status.js';
import { CampaignZip } from '../campaigns/campaign-zip.entity.js';
import type { Campaign } from '../campaigns/campaign.entity.js';
import { isStandardField, STANDARD_FIELD_NAMES, type StandardField } from '../fields/lead-fields.js';
import { zipsToCsv } from '../campaigns/zip-list.js';
import {
  ConsentRequirement,
  CustomFieldType,
  DuplicateKey,
  ListMode,
  RuleKind,
  Weekday,
  type Caps,
  type ScheduleWindow,
} from '../campaigns/requirements.js';
import type { ConfigChanges } from '../../shared/config-changes.js';
import { reasonMessage, ReasonCode } from '../leads/reason-code.js';
import { newSecretId, SourceCampaign } from '../sources/source-campaign.entity.js';
import type { Source } from '../sources/source.entity.js';
import { dialerInstructions } from './dialer-instructions.js';
import type {
  CapsView,
  DialerReplyExamples,
  FieldType,
  InstructionsField,
  NamedRuleView,
  PostingInstructions,
  ReplyExamples,
  RequirementsView,
  ScheduleWindowView,
} from './instructions.types.js';
import { REJECTION_REASONS } from './rejection-reasons.js';
import {
  candidatePlaces,
  consentFields,
  customExample,
  exampleFromConditions,
  pickPlace,
  POSTED_ALIASES,
  POSTED_NAMES,
  postedName,
  standardExamples,
  type SamplePlace,
} from './sample-lead.js';

/** What an instructions token looks like (newSecretId, or the migration's 32 hex digits); anything else is unknown. */
const TOKEN = /^[A-Za-z0-9]{16,40}$/;

const FIELD_INFO: Readonly<Record<StandardField, { type: FieldType; description: string }>> = {
  first: { type: 'text', description: "Consumer's first name." },
  last: { type: 'text', description: "Consumer's last name." },
  email: { type: 'email', description: "Consumer's email address." },
  phone: { type: 'phone', description: 'US phone number, 10 digits; punctuation and a leading +1 are fine.' },
  address: { type: 'text', description: 'Street address.' },
  city: { type: 'text', description: 'City.' },
  state: { type: 'state', description: 'Two-letter state code, e.g. CA.' },
  zip: { type: 'zip', description: 'ZIP code: 5 digits, or ZIP+4.' },
  ip: { type: 'ip', description: "Consumer's IP address (IPv4 or IPv6)." },
  subId: { type: 'text', description: 'Your sub id (publisher or traffic source), up to 100 characters.' },
  affId: { type: 'text', description: 'Your affiliate id, up to 100 characters.' },
  trustedFormCertUrl: { type: 'url', description: 'TrustedForm certificate URL: https://cert.trustedform.com/ and 40 hex digits.' },
  jornayaLeadId: { type: 'uuid', description: 'Jornaya LeadiD token (a UUID).' },
};

/** The eight contact fields every sample lead carries, required or not. */
const CONTACT_FIELDS: readonly StandardField[] = ['first', 'last', 'email', 'phone', 'address', 'city', 'state', 'zip'];

const DAY_ORDER = [Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI, Weekday.SAT, Weekday.SUN];
const DAY_NAMES: Record<Weekday, string> = { MON: 'Mon', TUE: 'Tue', WED: 'Wed', THU: 'Thu', FRI: 'Fri', SAT: 'Sat', SUN: 'Sun' };

const count = (n: number) => n.toLocaleString('en-US');

/** "Mon–Fri", "Sat, Sun", "Mon, Wed–Fri", "Every day". */
export function describeDays(days: readonly Weekday[]): string {
  const indexes = [...new Set(days.map((d) => DAY_ORDER.indexOf(d)))].filter((i) => i >= 0).sort((a, b) => a - b);
  if (indexes.length === 7) return 'Every day';
  const runs: number[][] = [];
  for (const i of indexes) {
    const run = runs.at(-1);
    if (run && run.at(-1) === i - 1) run.push(i);
    else runs.push([i]);
  }
  return runs
    .flatMap((run) =>
      run.length >= 3
        ? [`${DAY_NAMES[DAY_ORDER[run[0]!]!]}–${DAY_NAMES[DAY_ORDER[run.at(-1)!]!]}`]
        : run.map((i) => DAY_NAMES[DAY_ORDER[i]!]!),
    )
    .join(', ');
}

/** "Pacific Time" for America/Los_Angeles; the IANA name when Intl has no better one. */
function timeZoneName(timeZone: string): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longGeneric' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName');
    return part?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

function scheduleWindow(w: ScheduleWindow): ScheduleWindowView {
  const overnight = w.end !== '24:00' && w.end < w.start;
  return {
    days: w.days,
    start: w.start,
    end: w.end,
    overnight,
    text: `${describeDays(w.days)}, ${w.start}–${w.end}${overnight ? ' (closes the next day)' : ''}`,
  };
}

function capsView(caps: Caps, whose: 'source' | 'campaign'): CapsView {
  const view = { daily: caps.daily ?? null, weekly: caps.weekly ?? null, monthly: caps.monthly ?? null, total: caps.total ?? null };
  const parts = [
    view.daily !== null ? `${count(view.daily)} per day` : null,
    view.weekly !== null ? `${count(view.weekly)} per week` : null,
    view.monthly !== null ? `${count(view.monthly)} per month` : null,
    view.total !== null ? `${count(view.total)} in total` : null,
  ].filter((p): p is string => p !== null);
  const text =
    parts.length === 0
      ? whose === 'source'
        ? 'No caps on your source.'
        : 'No campaign caps.'
      : `${whose === 'source' ? 'Your source' : 'The campaign'}: up to ${parts.join(', ')} (accepted live leads).`;
  return { ...view, text };
}

/** The condition with standard field names as posted (subId → subid), for describeCondition. */
function withPostedNames(node: Condition): Condition {
  if ('all' in node) return { all: node.all.map(withPostedNames) };
  if ('any' in node) return { any: node.any.map(withPostedNames) };
  if ('not' in node) return { not: withPostedNames(node.not) };
  return { ...node, field: postedName(node.field) };
}

const CONSENT_TEXT: Record<ConsentRequirement, string> = {
  NONE: 'No consent certificate is required; a trustedform_cert_url or jornaya_leadid you do send must still be well-formed.',
  TRUSTEDFORM: 'A TrustedForm certificate URL (trustedform_cert_url) is required.',
  JORNAYA: 'A Jornaya LeadiD (jornaya_leadid) is required.',
  EITHER: 'A TrustedForm certificate URL (trustedform_cert_url) or a Jornaya LeadiD (jornaya_leadid) is required; either one is enough.',
  BOTH: 'Both a TrustedForm certificate URL (trustedform_cert_url) and a Jornaya LeadiD (jornaya_leadid) are required.',
};

/** Quotes a string for a POSIX shell. */
const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * Posting instructions: one page per approval (source × campaign), reached with its
 * unguessable, revocable token. The token is the only credential of the page and its zip list.
 */
export class InstructionsService {
  constructor(
    /** The replies of the Opta door, which the page documents. */
    private readonly replies: ReplyExamples,
    private readonly cache?: ConfigChanges,
    /** The dialer door's replies, for the pages of dialer campaigns' sources. */
    private readonly dialerReplies?: DialerReplyExamples,
  ) {}

  /** The instructions behind `token`, with URLs under `origin` (e.g. https://leads.example.com). */
  async forToken(em: EntityManager, token: string, origin: string): Promise<PostingInstructions> {
    const approval = await this.approvalFor(em, token);
    const campaign = approval.campaign.getEntity();
    const source = approval.source.getEntity();
    const examples = standardExamples(await this.samplePlace(em, campaign));
    const fields = this.fields(campaign, approval, examples);
    const sample = this.sample(campaign, source, fields);
    const page = `${origin}/instructions/${token}`;
    const requirements = this.requirements(campaign, approval, `${page}/zips.csv`);
    const priceCents = approval.priceCents ?? campaign.defaultPriceCents;
    const jsonApi = `${origin}/ca/submit`;
    return {
      campaign: {
        id: campaign.id,
        name: campaign.name,
        category: campaign.category,
        status: campaign.status,
        active: campaign.status === CampaignStatus.ACTIVE,
        timeZone: campaign.timeZone,
      },
      source: { id: source.id, name: source.name, approved: approval.active },
      endpoints: {
        jsonApi: { url: jsonApi, method: 'POST', contentTypes: ['application/json', 'application/x-www-form-urlencoded'] },
        webhook: approval.webhookId ? { url: `${origin}/webhook/${approval.webhookId}`, mapped: approval.webhookMapping !== null } : null,
      },
      headers: [
        { name: 'Content-Type', value: 'application/json', required: true },
        { name: 'Accept', value: 'application/json', required: false },
      ],
      credentials: {
        compid: campaign.account.getEntity().code,
        sourceid: source.id,
        campid: campaign.id,
        authPreview: source.authKeyPreview,
        authNote:
          'Your client gave you your auth key when they created your source. Only its first characters are shown: the key itself is never stored. If you lost it, ask your client for a new one.',
      },
      fields,
      requirements,
      responses: this.replies(priceCents),
      rejectionReasons: [...REJECTION_REASONS],
      sample,
      curl: [
        `curl -sS -X POST ${shellQuote(jsonApi)} \\`,
        `  -H 'Content-Type: application/json' \\`,
        `  -H 'Accept: application/json' \\`,
        `  --data ${shellQuote(JSON.stringify(sample, null, 2))}`,
      ].join('\n'),
      links: { page, json: `${page}.json`, zipsCsv: `${page}/zips.csv` },
      dialer: this.dialerReplies ? await dialerInstructions(em, approval, campaign, origin, examples, this.dialerReplies) : null,
    };
  }

  /** The campaign's zip list as CSV (header `zip`, sorted); empty when it has none. */
  async zipsCsv(em: EntityManager, token: string): Promise<{ campaignId: string; csv: string }> {
    const approval = await this.approvalFor(em, token);
    const rows = await em.find(CampaignZip, { campaign: approval.campaign.id }, { fields: ['zip'] });
    return { campaignId: approval.campaign.id, csv: zipsToCsv(rows.map((r) => r.zip)) };
  }

  /** A new token for the approval's page; the old link stops working (and a revoked page comes back). */
  async rotate(ctx: RequestContext, sourceCampaignId: string): Promise<SourceCampaign> {
    const approval = await this.adminApproval(ctx, sourceCampaignId);
    approval.instructionsToken = newSecretId();
    await ctx.em.flush();
    this.cache?.invalidateApproval(approval.source.id, approval.campaign.id);
    return approval;
  }

  /** Takes the approval's page down: its link answers 404 until the token is rotated. */
  async revoke(ctx: RequestContext, sourceCampaignId: string): Promise<SourceCampaign> {
    const approval = await this.adminApproval(ctx, sourceCampaignId);
    approval.instructionsToken = null;
    await ctx.em.flush();
    this.cache?.invalidateApproval(approval.source.id, approval.campaign.id);
    return approval;
  }

  private async adminApproval(ctx: RequestContext, id: string): Promise<SourceCampaign> {
    const approval = await ctx.em.findOne(SourceCampaign, { id }, { populate: ['campaign'] });
    if (!approval) throw notFound('Source campaign');
    const accountId = approval.campaign.getEntity().account.id;
    requireReadAccess(ctx.caller, accountId, 'Source campaign');
    requireAdmin(ctx.caller, accountId);
    return approval;
  }

  private async approvalFor(em: EntityManager, token: string): Promise<SourceCampaign> {
    const approval = TOKEN.test(token)
      ? await em.findOne(SourceCampaign, { instructionsToken: token }, { populate: ['source', 'campaign', 'campaign.account'] })
      : null;
    if (!approval) throw notFound('Posting instructions');
    return approval;
  }

  private fields(campaign: Campaign, approval: SourceCampaign, examples: Record<StandardField, string>): InstructionsField[] {
    const byCampaign = new Set(campaign.requiredFields);
    const bySource = new Set(approval.requiredFields);
    const byConsent = new Set(campaign.consent === ConsentRequirement.EITHER ? [] : consentFields(campaign.consent));
    const requiredBy = (name: string): InstructionsField['requiredBy'] =>
      byCampaign.has(name) || byConsent.has(name as StandardField) ? 'campaign' : bySource.has(name) ? 'source' : null;
    const fields: InstructionsField[] = STANDARD_FIELD_NAMES.map((name) => {
      const info = FIELD_INFO[name];
      let description = info.description;
      if (name === 'ip' && campaign.usIpOnly) description += ' When sent, it must be a US address.';
      if (byConsent.has(name)) description += " Required by this campaign's consent rule.";
      if (campaign.consent === ConsentRequirement.EITHER && (name === 'trustedFormCertUrl' || name === 'jornayaLeadId')) {
        description += ' This or the other consent field is required.';
      }
      return {
        name: POSTED_NAMES[name],
        aliases: [...(POSTED_ALIASES[name] ?? [])],
        type: info.type,
        required: requiredBy(name) !== null,
        requiredBy: requiredBy(name),
        custom: false,
        description,
        example: examples[name],
      };
    });
    for (const custom of campaign.customFields) {
      fields.push({
        name: custom.name,
        aliases: [],
        type: custom.type === CustomFieldType.URL ? 'url' : 'text',
        required: requiredBy(custom.name) !== null,
        requiredBy: requiredBy(custom.name),
        custom: true,
        description:
          custom.description?.trim() || (custom.type === CustomFieldType.URL ? 'Custom field: an http(s) URL.' : 'Custom field.'),
        example:
          (custom.type === CustomFieldType.TEXT ? exampleFromConditions(campaign.rules, custom.name) : null) ?? customExample(custom),
      });
    }
    // Required names the campaign did not declare as custom fields are still fields to send.
    for (const name of [...campaign.requiredFields, ...approval.requiredFields]) {
      if (isStandardField(name) || fields.some((f) => f.name === name)) continue;
      fields.push({
        name,
        aliases: [],
        type: 'text',
        required: true,
        requiredBy: requiredBy(name),
        custom: true,
        description: 'Custom field.',
        example: exampleFromConditions(campaign.rules, name) ?? customExample(undefined),
      });
    }
    return fields;
  }

  /** A place (state, city, zip) that passes the campaign's state and zip targeting where one can. */
  private async samplePlace(em: EntityManager, campaign: Campaign): Promise<SamplePlace> {
    const candidates = candidatePlaces(campaign.stateTargeting);
    let listed = new Set<string>();
    let first: string | null = null;
    if (campaign.zipMode && campaign.zipCount > 0) {
      const rows = await em.find(CampaignZip, { campaign: campaign.id, zip: { $in: candidates.map((p) => p.zip) } }, { fields: ['zip'] });
      listed = new Set(rows.map((r) => r.zip));
      if (campaign.zipMode === ListMode.INCLUDE && listed.size === 0) {
        const [row] = await em.find(CampaignZip, { campaign: campaign.id }, { fields: ['zip'], orderBy: { zip: 'asc' }, limit: 1 });
        first = row?.zip ?? null;
      }
    }
    return pickPlace(candidates, campaign.zipMode, listed, first);
  }

  /** A test lead that passes the campaign's format, state and zip rules: the contact fields plus whatever is required. */
  private sample(campaign: Campaign, source: Source, fields: InstructionsField[]): Record<string, string> {
    const include = new Set<string>([
      ...CONTACT_FIELDS.map((f) => POSTED_NAMES[f]),
      ...consentFields(campaign.consent).map((f) => POSTED_NAMES[f]),
      ...(campaign.usIpOnly ? [POSTED_NAMES.ip] : []),
    ]);
    const sample: Record<string, string> = {
      compid: campaign.account.getEntity().code,
      sourceid: source.id,
      campid: campaign.id,
      auth: 'YOUR_AUTH_KEY',
    };
    for (const field of fields) if (field.required || include.has(field.name)) sample[field.name] = field.example;
    sample.test = 'true';
    return sample;
  }

  private requirements(campaign: Campaign, approval: SourceCampaign, zipsCsvUrl: string): RequirementsView {
    const zone = timeZoneName(campaign.timeZone);
    const zoneLabel = zone === campaign.timeZone ? zone : `${zone} (${campaign.timeZone})`;
    const windows = campaign.schedule.map(scheduleWindow);
    const { periodStart: start, periodEnd: end } = campaign;
    const period =
      start && end
        ? `Leads are accepted from ${start} through ${end}, in ${zoneLabel}.`
        : start
          ? `Leads are accepted from ${start} on, in ${zoneLabel}.`
          : end
            ? `Leads are accepted through ${end}, in ${zoneLabel}.`
            : 'No start or end date.';
    const states = campaign.stateTargeting;
    const dupKeys = campaign.duplicates.keys.map((k) => (k === DuplicateKey.EMAIL ? 'email' : 'phone'));
    const rules: NamedRuleView[] = campaign.rules.map((rule) => ({
      name: rule.name,
      kind: rule.kind,
      description: describeCondition(withPostedNames(rule.condition)),
      rejectMessage: reasonMessage(rule.kind === RuleKind.CONDITION ? ReasonCode.CONDITION : ReasonCode.FILTER, { name: rule.name }),
    }));
    return {
      schedule: {
        timeZone: campaign.timeZone,
        timeZoneName: zone,
        alwaysOpen: windows.length === 0,
        windows,
        text:
          windows.length === 0
            ? 'Open around the clock, every day.'
            : `Leads are accepted only within these weekly windows, in ${zoneLabel}; at other times they are rejected with "Campaign schedule".`,
      },
      period: { start, end, text: period },
      states: states
        ? {
            mode: states.mode,
            states: [...states.states],
            text:
              states.mode === ListMode.INCLUDE
                ? `Only leads from these ${states.states.length === 1 ? 'state' : `${states.states.length} states`} are accepted: ${states.states.join(', ')}.`
                : `Leads from these ${states.states.length === 1 ? 'state' : `${states.states.length} states`} are rejected: ${states.states.join(', ')}.`,
          }
        : null,
      zips: campaign.zipMode
        ? {
            mode: campaign.zipMode,
            count: campaign.zipCount,
            csvUrl: zipsCsvUrl,
            text:
              campaign.zipMode === ListMode.INCLUDE
                ? `Only leads with a ZIP code on the list are accepted (${count(campaign.zipCount)} ZIP code${campaign.zipCount === 1 ? '' : 's'}).`
                : `Leads with a ZIP code on the list are rejected (${count(campaign.zipCount)} ZIP code${campaign.zipCount === 1 ? '' : 's'}).`,
          }
        : null,
      caps: { source: capsView(approval.caps, 'source'), campaign: capsView(campaign.caps, 'campaign') },
      duplicates: {
        keys: dupKeys,
        windowDays: campaign.duplicates.windowDays,
        text:
          dupKeys.length === 0
            ? 'No duplicate check.'
            : `A lead whose ${dupKeys.join(' or ')} matches a lead accepted in this campaign within the last ${count(campaign.duplicates.windowDays)} day${campaign.duplicates.windowDays === 1 ? '' : 's'} is rejected as a duplicate.`,
      },
      consent: { requirement: campaign.consent, text: CONSENT_TEXT[campaign.consent] },
      usIpOnly: campaign.usIpOnly,
      rules,
      blocked: { subIds: [...approval.blockedSubIds], affIds: [...approval.blockedAffIds] },
    };
  }
}
