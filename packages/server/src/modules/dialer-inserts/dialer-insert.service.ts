import type { EntityManager } from '@mikro-orm/core';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import { requireKey, type Caller, type KeyCaller } from '../../auth/caller.js';
import { badInput, forbidden, notFound } from '../../errors/app-error.js';
import { runAsync } from '../../shared/sql-step.js';
import { ormExecFor } from '../../store/index.js';
import type { Credentials, Explanation, IntakeService, LeadDraft, Submission } from '../intake/index.js';
import {
  DialerMatchAppeared,
  findMatch,
  isDuplicate,
  isOnDnc,
  lockPhone,
  type DialerPlacement,
  type SearchScope,
} from '../dialer/index.js';
import { LeadDoor, LeadStatus } from '../leads/lead-enums.js';
import { Lead } from '../leads/lead.entity.js';
import { SourceCampaign } from '../sources/source-campaign.entity.js';
import { normalizeLead } from '../fields/normalize.js';
import { isEmail } from '../fields/formats.js';
import { DIALER_CODES, dialerErrorFor, type DialerError } from '../dialer/dialer-codes.js';
import { DialerCampaign } from '../dialer/dialer-campaign.entity.js';
import { splitDialerFields } from '../dialer/dialer-fields.js';
import { parseDialerId } from '../dialer/dialer-ids.js';
import { MAX_HOPPER_EXPIRY_MINUTES, type DialerInsertRequest } from '../dialer/dialer-insert.request.js';
import { DialerInsertOutcome, DialerInsertResult } from './dialer-insert.result.js';
import { DialerLead } from '../dialer/dialer-lead.entity.js';
import { DialerList } from '../dialer/dialer-list.entity.js';
import { dialerPhone, dialerPhoneInput } from '../dialer/dialer-phone.js';
import { HopperService } from '../dialer/hopper.service.js';

/** Options of one insert. */
export interface DialerInsertOptions {
  /** Replays the first decision made with this key (per API key), as the intake does. */
  idempotencyKey?: string | null;
}

/**
 * Inserts leads into dialer lists, for the REST door and GraphQL alike. A new lead goes through
 * the intake service (the list's intake campaign's rules, ledger and stats); the dialer's own
 * checks (DNC, duplicates in the chosen scope) are stages of the intake's pipeline and its list
 * membership and hopper entry are written in the lead's transaction, under a per-phone lock, so
 * concurrent inserts of one number cannot both pass a duplicate check. update_if_found updates
 * a match here instead, with the same checks.
 */
export class DialerInsertService {
  constructor(
    private readonly intake: IntakeService,
    private readonly now: () => Date,
  ) {}

  async insert(
    em: EntityManager,
    request: DialerInsertRequest,
    caller: Caller,
    options: DialerInsertOptions = {},
  ): Promise<DialerInsertResult> {
    const prepared = await this.prepare(em, request, caller);
    if (prepared.refused) return prepared.refused;
    const { list, phone, search, canUpdate, draft, credentials } = prepared;
    // A match can appear between looking and storing (a concurrent insert); the placement then
    // refuses to insert and the loop updates that match. Each turn means another request won a
    // race for this number, so a few turns settle it.
    const placement = this.placement(list, request, canUpdate ? search : null);
    // A retry must name the same list and options, not only the same lead, to be a retry (only
    // an idempotent request is compared with its first).
    const fingerprint = options.idempotencyKey
      ? JSON.stringify({ ...request, values: undefined, phoneNumber: undefined, listId: list.id })
      : null;
    for (let attempt = 0; attempt < 5; attempt++) {
      if (canUpdate) {
        const updated = await em.transactional(async (tx) => {
          const exec = ormExecFor(tx);
          await runAsync(lockPhone(list.account.id, phone!), exec);
          const matchId = await runAsync(findMatch(list.account.id, phone!, search!, placement), exec);
          return matchId === null ? null : this.update(tx, await tx.findOneOrFail(DialerLead, { id: matchId }), request, phone!, placement);
        });
        if (updated) return updated;
      }
      try {
        const submission = await this.intake.submitAndPlace(em, draft, credentials, {
          idempotencyKey: options.idempotencyKey,
          fingerprint,
          placement,
        });
        return await this.resultOf(em, submission);
      } catch (error) {
        // A match appeared between looking and storing (a concurrent insert): update it. Each turn
        // means another request won a race for this number, so a few turns settle it.
        if (error instanceof DialerMatchAppeared) continue;
        throw error;
      }
    }
    throw new Error('update_if_found did not settle: the matching lead kept changing');
  }

  /**
   * What the insert would decide now, stage by stage, the dialer's checks included, without
   * storing or placing anything (update_if_found is not explained: a match would be updated).
   */
  async explain(em: EntityManager, request: DialerInsertRequest, caller: Caller): Promise<Explanation> {
    const prepared = await this.prepare(em, { ...request, updateIfFound: false }, caller);
    if (prepared.refused) throw badInput(prepared.refused.text, { field: 'email' });
    return this.intake.explain(em, prepared.draft, prepared.credentials, this.placement(prepared.list, request, null));
  }

  /** Checks the request and who makes it, and builds the lead and credentials the intake takes; or the door's refusal. */
  private async prepare(em: EntityManager, request: DialerInsertRequest, caller: Caller) {
    validate(request);
    const key = requireKey(caller);
    if (key.role === ApiKeyRole.READER) throw forbidden('A READER key cannot insert leads');
    const list = await this.findList(em, key, request.listId);
    const dialerCampaign = await em.findOneOrFail(DialerCampaign, { id: list.dialerCampaign.id });
    if (key.role === ApiKeyRole.SOURCE) {
      // Checked before any lookup, so an unapproved source cannot update leads either.
      const approval = await em.findOne(SourceCampaign, { source: key.sourceId!, campaign: dialerCampaign.campaign.id });
      if (!approval?.active) throw forbidden("This source is not approved for the list's campaign");
    }
    const phone = dialerPhone(request.phoneNumber, request.phoneCode);
    const { fields, extra } = splitDialerFields(request.values);
    const email = fields.email?.trim();
    // The reference answers 6079 for any bad email, however long.
    if (email && email.length > 254) return { refused: rejectedWith(DIALER_CODES.INVALID_EMAIL) };
    const search = request.updateIfFound ? await this.searchScope(em, key, request) : null;
    // Only a lead whose contact data is well formed may update another; the intake judges the rest.
    const canUpdate = search !== null && phone !== null && (!email || isEmail(email.toLowerCase()));
    const draft: LeadDraft = {
      campaignId: dialerCampaign.campaign.id,
      fields: { ...fields, phone: dialerPhoneInput(request.phoneNumber, request.phoneCode) },
      extra,
      test: false,
      door: LeadDoor.DIALER,
    };
    // A SOURCE key inserts as itself; an ADMIN key as the dialer campaign's own source.
    const credentials: Credentials = {
      kind: 'caller',
      caller,
      sourceId: key.role === ApiKeyRole.SOURCE ? null : dialerCampaign.apiSource.id,
    };
    return { list, phone, search, canUpdate, draft, credentials };
  }

  /** The insert as the intake's dialer stages read it. */
  private placement(list: DialerList, request: DialerInsertRequest, search: SearchScope | null): DialerPlacement {
    const expiresIn = request.hopperExpiresInMinutes;
    return {
      accountId: list.account.id,
      listId: list.id,
      dialerCampaignId: list.dialerCampaign.id,
      checkDnc: request.checkDnc,
      checkDup: request.checkDup,
      checkDupArchive: request.checkDupArchive,
      search,
      matchLeadId: request.matchLeadId ? parseDialerId(request.matchLeadId) : null,
      matchOrder: request.matchOrder,
      hopper: request.hopper
        ? { priority: request.hopperPriority, expiresAt: expiresIn === null ? null : new Date(this.now().getTime() + expiresIn * 60_000) }
        : null,
    };
  }

  /** Where update_if_found looks: search_list_id, else search_campaign_id, else the whole account. */
  private async searchScope(em: EntityManager, key: KeyCaller, request: DialerInsertRequest): Promise<SearchScope> {
    // A source updates only leads it inserted itself.
    const own = key.role === ApiKeyRole.SOURCE ? { sourceId: key.sourceId! } : {};
    if (request.searchListId) return { listId: (await this.findList(em, key, request.searchListId, true)).id, ...own };
    if (request.searchCampaignId) {
      const id = parseDialerId(request.searchCampaignId);
      const dialerCampaign = id === null ? null : await em.findOne(DialerCampaign, { id });
      if (!dialerCampaign || (key.accountId !== null && dialerCampaign.account.id !== key.accountId)) throw notFound('Dialer campaign');
      return { dialerCampaignId: dialerCampaign.id, ...own };
    }
    return own;
  }

  /**
   * Updates a matched lead with the posted values (a field left empty keeps its value) and queues
   * it when asked, after the same DNC and duplicate checks an insert of the number would meet.
   */
  private async update(
    tx: EntityManager,
    match: DialerLead,
    request: DialerInsertRequest,
    phone: string,
    placement: DialerPlacement,
  ): Promise<DialerInsertResult> {
    const accountId = match.account.id;
    const exec = ormExecFor(tx);
    if (request.checkDnc && (await runAsync(isOnDnc(accountId, match.dialerCampaign.id, phone), exec)))
      return rejectedWith(DIALER_CODES.DNC);
    if (phone !== match.phone && (await runAsync(isDuplicate(placement, phone, match.id), exec)))
      return rejectedWith(DIALER_CODES.DUPLICATE_PHONE);
    // Two updates of one lead by lead_id may carry different numbers (different phone locks).
    await runAsync(lockPhone(accountId, `lead-${match.id}`), exec);
    const now = this.now();
    const { fields, extra } = splitDialerFields(request.values);
    // A match by lead id takes the posted number too; a match by phone has it already.
    const normalized = normalizeLead({ fields: { ...fields, phone }, extra });
    match.phone = phone;
    const lead = await tx.findOneOrFail(Lead, { id: match.lead.id });
    for (const [name, value] of Object.entries(normalized.fields)) {
      if (value !== null) (lead as unknown as Record<string, string>)[name] = value;
    }
    lead.extra = { ...lead.extra, ...normalized.extra };
    match.updatedAt = now;
    await tx.flush();
    let hopperEntryId: string | null = null;
    const matchList = await tx.findOneOrFail(DialerList, { id: match.list.id });
    // An archived list is not dialed: its leads are updated but not queued.
    if (request.hopper && !matchList.archived) {
      hopperEntryId = (await HopperService.enqueue(tx, this.hopperPlacement(matchList, match, request, now), now)).id;
    }
    return DialerInsertResult.of({
      success: true,
      outcome: DialerInsertOutcome.UPDATED,
      code: null,
      text: '',
      dialerLeadId: match.id,
      leadId: lead.id,
      reasonCode: null,
      hopperEntryId,
    });
  }

  private hopperPlacement(list: DialerList, dialerLead: DialerLead, request: DialerInsertRequest, now: Date) {
    const expiresAt = request.hopperExpiresInMinutes === null ? null : new Date(now.getTime() + request.hopperExpiresInMinutes * 60_000);
    return { list, dialerLead, priority: request.hopperPriority, expiresAt };
  }

  private async resultOf(em: EntityManager, { decision, placed }: Submission): Promise<DialerInsertResult> {
    if (decision.status === LeadStatus.REJECTED) {
      const error = dialerErrorFor(decision.reasonCode!, decision.message);
      return DialerInsertResult.of({
        success: false,
        outcome: DialerInsertOutcome.REJECTED,
        code: error.code,
        text: error.text,
        dialerLeadId: null,
        leadId: decision.leadId,
        reasonCode: decision.reasonCode,
        hopperEntryId: null,
      });
    }
    // A replayed decision (idempotency key) placed nothing now: report the lead's membership.
    const dialerLeadId = placed?.dialerLeadId ?? (await em.findOne(DialerLead, { lead: decision.leadId! }))?.id ?? null;
    return DialerInsertResult.of({
      success: true,
      outcome: DialerInsertOutcome.INSERTED,
      code: null,
      text: '',
      dialerLeadId,
      leadId: decision.leadId,
      reasonCode: null,
      hopperEntryId: placed?.hopperEntryId ?? null,
    });
  }

  /** A list of the caller's account (any account for the platform key); archived lists only when `archivedToo`. */
  private async findList(em: EntityManager, key: KeyCaller, rawId: string, archivedToo = false): Promise<DialerList> {
    const id = parseDialerId(rawId);
    const list = id === null ? null : await em.findOne(DialerList, { id });
    if (!list || (key.accountId !== null && list.account.id !== key.accountId) || (list.archived && !archivedToo)) throw notFound('List');
    return list;
  }
}

/** An insert refused before (or instead of) the intake: nothing is stored. */
const rejectedWith = (error: DialerError): DialerInsertResult =>
  DialerInsertResult.of({
    success: false,
    outcome: DialerInsertOutcome.REJECTED,
    code: error.code,
    text: error.text,
    dialerLeadId: null,
    leadId: null,
    reasonCode: null,
    hopperEntryId: null,
  });

function validate(request: DialerInsertRequest): void {
  if (request.matchLeadId !== null && parseDialerId(request.matchLeadId) === null) {
    throw badInput('lead_id must be a dialer lead id (a number)', { field: 'lead_id' });
  }
  if (!Number.isInteger(request.hopperPriority) || request.hopperPriority < 0 || request.hopperPriority > 99) {
    throw badInput('hopper_priority must be a whole number from 0 to 99', { field: 'hopper_priority' });
  }
  const expiry = request.hopperExpiresInMinutes;
  if (expiry !== null && (!Number.isInteger(expiry) || expiry < 1 || expiry > MAX_HOPPER_EXPIRY_MINUTES)) {
    throw badInput(`hopper_expires_in must be a whole number of minutes from 1 to ${MAX_HOPPER_EXPIRY_MINUTES}`, {
      field: 'hopper_expires_in',
    });
  }
}
