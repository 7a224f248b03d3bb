import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import { requireKey, type Caller, type KeyCaller } from '../../auth/caller.js';
import { badInput, forbidden, notFound } from '../../errors/app-error.js';
import { lockKey } from '../../shared/row-lock.js';
import type { IntakeService } from '../intake/intake.service.js';
import type { LeadDecision } from '../leads/lead-decision.js';
import type { LeadPlacement } from '../intake/lead-placement.js';
import { LeadDoor, LeadStatus } from '../leads/lead-enums.js';
import { Lead } from '../leads/lead.entity.js';
import { SourceCampaign } from '../sources/source-campaign.entity.js';
import { normalizeLead } from '../fields/normalize.js';
import { ReasonCode } from '../leads/reason-code.js';
import { isEmail } from '../fields/formats.js';
import { DIALER_CODES, dialerErrorFor, type DialerError } from './dialer-codes.js';
import { DialerCampaign } from './dialer-campaign.entity.js';
import { splitDialerFields } from './dialer-fields.js';
import { parseDialerId } from './dialer-ids.js';
import { DuplicateScope, MatchOrder, type DialerInsertRequest } from './dialer-insert.request.js';
import { DialerInsertOutcome, DialerInsertResult } from './dialer-insert.result.js';
import { DialerLead } from './dialer-lead.entity.js';
import { DialerList } from './dialer-list.entity.js';
import { dialerPhone, dialerPhoneInput } from './dialer-phone.js';
import { DncService } from './dnc.service.js';
import { HopperService } from './hopper.service.js';

/** Options of one insert. */
export interface DialerInsertOptions {
  /** Replays the first decision made with this key (per API key), as the intake does. */
  idempotencyKey?: string | null;
}

/** Longest hopper expiry an insert may ask for, in minutes. */
export const MAX_HOPPER_EXPIRY_MINUTES = 300;

/** update_if_found found a lead while the insert was being stored: update it instead. */
class MatchAppeared extends Error {}

/** Trace stages of the dialer placement, after the intake campaign's own. */
const DNC_STAGE = 'dialer-dnc';
const DUPLICATE_STAGE = 'dialer-duplicates';

/**
 * Inserts leads into dialer lists, for the REST door and GraphQL alike. A new lead goes through
 * the intake service (the list's intake campaign's rules, ledger and stats); the dialer's own
 * checks (DNC, duplicates in the chosen scope) and its list membership and hopper entry are a
 * placement in the lead's transaction, under a per-phone lock, so concurrent inserts of one
 * number cannot both pass a duplicate check.
 */
export class DialerInsertService {
  constructor(
    private readonly intake: IntakeService,
    private readonly now: () => Date,
  ) {}

  async insert(em: EntityManager, request: DialerInsertRequest, caller: Caller, options: DialerInsertOptions = {}): Promise<DialerInsertResult> {
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
    if (email && email.length > 254) return rejectedWith(DIALER_CODES.INVALID_EMAIL);
    const search = request.updateIfFound ? await this.searchScope(em, key, request) : null;
    // Only a lead whose contact data is well formed may update another; the intake judges the rest.
    const canUpdate = search !== null && phone !== null && (!email || isEmail(email.toLowerCase()));
    const draft = {
      campaignId: dialerCampaign.campaign.id,
      sourceId: key.role === ApiKeyRole.SOURCE ? null : dialerCampaign.apiSource.id,
      fields: { ...fields, phone: dialerPhoneInput(request.phoneNumber, request.phoneCode) },
      extra,
      test: false,
      door: LeadDoor.DIALER,
    };

    // A match can appear between looking and storing (a concurrent insert); the placement then
    // refuses to insert and the loop updates that match. Each turn means another request won a
    // race for this number, so a few turns settle it.
    for (let attempt = 0; attempt < 5; attempt++) {
      if (canUpdate) {
        const updated = await em.transactional(async (tx) => {
          await lockKey(tx, phoneLockKey(list.account.id, phone!));
          const match = await this.findMatch(tx, list.account.id, phone!, search!, request);
          return match ? this.update(tx, match, request, phone!, list) : null;
        });
        if (updated) return updated;
      }
      const placed: { dialerLeadId: number | null; hopperEntryId: string | null } = { dialerLeadId: null, hopperEntryId: null };
      try {
        const decision = await this.intake.submit(em, draft, caller, {
          idempotencyKey: options.idempotencyKey,
          // A retry must name the same list and options, not only the same lead, to be a retry.
          fingerprint: JSON.stringify({ ...request, values: undefined, phoneNumber: undefined, listId: list.id }),
          placement: this.placement(list, dialerCampaign, request, canUpdate ? search : null, placed),
        });
        return await this.resultOf(em, decision, placed);
      } catch (error) {
        if (error instanceof MatchAppeared) continue;
        throw error;
      }
    }
    throw new Error('update_if_found did not settle: the matching lead kept changing');
  }

  /** The dialer's checks and rows, run by the intake inside the accepted lead's transaction. */
  private placement(
    list: DialerList,
    dialerCampaign: DialerCampaign,
    request: DialerInsertRequest,
    search: SearchScope | null,
    placed: { dialerLeadId: number | null; hopperEntryId: string | null },
  ): LeadPlacement {
    const accountId = list.account.id;
    let phone = '';
    return {
      stages: [DNC_STAGE, DUPLICATE_STAGE],
      check: async (tx, lead) => {
        phone = lead.fields.phone!;
        await lockKey(tx, phoneLockKey(accountId, phone));
        if (search && (await this.findMatch(tx, accountId, phone, search, request))) throw new MatchAppeared();
        if (request.checkDnc && (await DncService.isListed(tx, accountId, dialerCampaign.id, phone))) {
          return { stage: DNC_STAGE, code: ReasonCode.PHONE_DNC };
        }
        if (await this.isDuplicate(tx, accountId, phone, list, request, null)) return { stage: DUPLICATE_STAGE, code: ReasonCode.DUPLICATE_PHONE };
        return null;
      },
      attach: async (tx, leadId) => {
        const now = this.now();
        const dialerLead = tx.create(DialerLead, {
          account: accountId, list, dialerCampaign, lead: tx.getReference(Lead, leadId), phone, createdAt: now, updatedAt: now,
        });
        await tx.flush();
        placed.dialerLeadId = dialerLead.id;
        if (request.hopper) placed.hopperEntryId = (await HopperService.enqueue(tx, this.hopperPlacement(list, dialerLead, request, now), now)).id;
      },
    };
  }

  /** Whether the phone is already in a list that check_dup (and check_dup_archive) covers. */
  private async isDuplicate(
    tx: EntityManager, accountId: string, phone: string, list: DialerList, request: DialerInsertRequest, except: number | null,
  ): Promise<boolean> {
    const scopes: Array<FilterQuery<DialerLead>> = [];
    switch (request.checkDup) {
      case DuplicateScope.ACCOUNT:
        scopes.push({ list: { archived: false } });
        break;
      case DuplicateScope.LIST:
        scopes.push({ list: list.id });
        break;
      case DuplicateScope.CAMPAIGN:
        scopes.push({ dialerCampaign: list.dialerCampaign.id, list: { archived: false } });
        break;
      case DuplicateScope.NONE:
        break;
    }
    if (request.checkDupArchive) scopes.push({ list: { archived: true } });
    if (!scopes.length) return false;
    return (await tx.count(DialerLead, { account: accountId, phone, $or: scopes, ...(except !== null ? { id: { $ne: except } } : {}) })) > 0;
  }

  /** Where update_if_found looks: search_list_id, else search_campaign_id, else the whole account. */
  private async searchScope(em: EntityManager, key: KeyCaller, request: DialerInsertRequest): Promise<SearchScope> {
    // A source updates only leads it inserted itself.
    const own = key.role === ApiKeyRole.SOURCE ? { lead: { source: key.sourceId! } } : {};
    if (request.searchListId) return { list: (await this.findList(em, key, request.searchListId, true)).id, ...own };
    if (request.searchCampaignId) {
      const id = parseDialerId(request.searchCampaignId);
      const dialerCampaign = id === null ? null : await em.findOne(DialerCampaign, { id });
      if (!dialerCampaign || (key.accountId !== null && dialerCampaign.account.id !== key.accountId)) throw notFound('Dialer campaign');
      return { dialerCampaign: dialerCampaign.id, ...own };
    }
    return own;
  }

  /** The lead update_if_found updates: by dialer lead id when given, else by phone, in the search scope. */
  private async findMatch(tx: EntityManager, accountId: string, phone: string, search: SearchScope, request: DialerInsertRequest): Promise<DialerLead | null> {
    const matchId = request.matchLeadId ? parseDialerId(request.matchLeadId) : null;
    const where: FilterQuery<DialerLead> = { account: accountId, ...search, ...(matchId !== null ? { id: matchId } : { phone }) };
    if (!request.checkDupArchive) Object.assign(where, { list: search.list ?? { archived: false } });
    const order = request.matchOrder === MatchOrder.OLDEST_FIRST ? 'asc' : 'desc';
    return tx.findOne(DialerLead, where, { orderBy: { createdAt: order, id: order } });
  }

  /**
   * Updates a matched lead with the posted values (a field left empty keeps its value) and queues
   * it when asked, after the same DNC and duplicate checks an insert of the number would meet.
   */
  private async update(tx: EntityManager, match: DialerLead, request: DialerInsertRequest, phone: string, list: DialerList): Promise<DialerInsertResult> {
    const accountId = match.account.id;
    if (request.checkDnc && (await DncService.isListed(tx, accountId, match.dialerCampaign.id, phone))) return rejectedWith(DIALER_CODES.DNC);
    if (phone !== match.phone && (await this.isDuplicate(tx, accountId, phone, list, request, match.id))) return rejectedWith(DIALER_CODES.DUPLICATE_PHONE);
    // Two updates of one lead by lead_id may carry different numbers (different phone locks).
    await lockKey(tx, `dialer-lead:${match.id}`);
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
      success: true, outcome: DialerInsertOutcome.UPDATED, code: null, text: '', dialerLeadId: match.id, leadId: lead.id, reasonCode: null, hopperEntryId,
    });
  }

  private hopperPlacement(list: DialerList, dialerLead: DialerLead, request: DialerInsertRequest, now: Date) {
    const expiresAt = request.hopperExpiresInMinutes === null ? null : new Date(now.getTime() + request.hopperExpiresInMinutes * 60_000);
    return { list, dialerLead, priority: request.hopperPriority, expiresAt };
  }

  private async resultOf(em: EntityManager, decision: LeadDecision, placed: { dialerLeadId: number | null; hopperEntryId: string | null }): Promise<DialerInsertResult> {
    if (decision.status === LeadStatus.REJECTED) {
      const error = dialerErrorFor(decision.reasonCode!, decision.message);
      return DialerInsertResult.of({
        success: false, outcome: DialerInsertOutcome.REJECTED, code: error.code, text: error.text, dialerLeadId: null, leadId: decision.leadId,
        reasonCode: decision.reasonCode, hopperEntryId: null,
      });
    }
    // A replayed decision (idempotency key) placed nothing now: report the lead's membership.
    const dialerLeadId = placed.dialerLeadId ?? (await em.findOne(DialerLead, { lead: decision.leadId! }))?.id ?? null;
    return DialerInsertResult.of({
      success: true, outcome: DialerInsertOutcome.INSERTED, code: null, text: '', dialerLeadId, leadId: decision.leadId, reasonCode: null,
      hopperEntryId: placed.hopperEntryId,
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

/** Where update_if_found looks: one list, one dialer campaign, or (neither) the account; a source's own leads only. */
interface SearchScope {
  list?: number;
  dialerCampaign?: number;
  lead?: { source: string };
}

/** An insert refused before (or instead of) the intake: nothing is stored. */
const rejectedWith = (error: DialerError): DialerInsertResult => DialerInsertResult.of({
  success: false, outcome: DialerInsertOutcome.REJECTED, code: error.code, text: error.text, dialerLeadId: null, leadId: null, reasonCode: null, hopperEntryId: null,
});

/** One lock per account and number: every dialer check of a number is scoped within its account. */
const phoneLockKey = (accountId: string, phone: string) => `dialer:${accountId}:${phone}`;

function validate(request: DialerInsertRequest): void {
  if (request.matchLeadId !== null && parseDialerId(request.matchLeadId) === null) {
    throw badInput('lead_id must be a dialer lead id (a number)', { field: 'lead_id' });
  }
  if (!Number.isInteger(request.hopperPriority) || request.hopperPriority < 0 || request.hopperPriority > 99) {
    throw badInput('hopper_priority must be a whole number from 0 to 99', { field: 'hopper_priority' });
  }
  const expiry = request.hopperExpiresInMinutes;
  if (expiry !== null && (!Number.isInteger(expiry) || expiry < 1 || expiry > MAX_HOPPER_EXPIRY_MINUTES)) {
    throw badInput(`hopper_expires_in must be a whole number of minutes from 1 to ${MAX_HOPPER_EXPIRY_MINUTES}`, { field: 'hopper_expires_in' });
  }
}
