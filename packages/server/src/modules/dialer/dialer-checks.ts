import { newId } from '../../shared/ids.js';
import { get, insert, lock, type Step } from '../../shared/sql-step.js';
import { DuplicateScope, MatchOrder } from './dialer-insert.request.js';
import { ACCOUNT_DNC_SCOPE, PURPOSE_DNC_SCOPE } from './dnc-number.entity.js';
import { HopperStatus } from './hopper-status.js';

/** Where update_if_found looks: one list, one dialer campaign, or (neither) the account; a source's own leads only. */
export interface SearchScope {
  listId?: number;
  dialerCampaignId?: number;
  /** Only leads this source inserted (a SOURCE key updates its own leads). */
  sourceId?: string;
}

/**
 * An insert into a dialer list as the intake's dialer stages see it: the list, its checks and
 * what to place when the lead is accepted. Made by the dialer insert service, read inside the
 * lead's transaction.
 */
export interface DialerPlacement {
  accountId: string;
  listId: number;
  dialerCampaignId: number;
  checkDnc: boolean;
  checkDup: DuplicateScope;
  checkDupArchive: boolean;
  /** update_if_found's search; a match that appears while storing turns the insert into an update. */
  search: SearchScope | null;
  matchLeadId: number | null;
  matchOrder: MatchOrder;
  /** Queue the new lead in the list's hopper, with this priority and expiry. */
  hopper: { priority: number; expiresAt: Date | null } | null;
}

/** One lock per account and number: every dialer check of a number is scoped within its account. */
export function* lockPhone(accountId: string, phone: string): Step<void> {
  yield* lock([`dialer:${accountId}:${phone}`]);
}

/** Whether the number is on the account's DNC lists: account-wide, purpose, or the dialer campaign's. */
export function* isOnDnc(accountId: string, dialerCampaignId: number, phone: string): Step<boolean> {
  const row = yield* get('select 1 as listed from dnc_numbers where account_id = ? and phone = ? and scope in (?, ?, ?) limit 1', [
    accountId,
    phone,
    ACCOUNT_DNC_SCOPE,
    PURPOSE_DNC_SCOPE,
    String(dialerCampaignId),
  ]);
  return row !== undefined;
}

/** Whether the number is already in a list that check_dup (and check_dup_archive) covers, other than dialer lead `except`. */
export function* isDuplicate(
  placement: Pick<DialerPlacement, 'accountId' | 'listId' | 'dialerCampaignId' | 'checkDup' | 'checkDupArchive'>,
  phone: string,
  except: number | null,
): Step<boolean> {
  const scopes: string[] = [];
  const params: unknown[] = [placement.accountId, phone];
  switch (placement.checkDup) {
    case DuplicateScope.ACCOUNT:
      scopes.push('l.archived = ?');
      params.push(false);
      break;
    case DuplicateScope.LIST:
      scopes.push('d.list_id = ?');
      params.push(placement.listId);
      break;
    case DuplicateScope.CAMPAIGN:
      scopes.push('(d.dialer_campaign_id = ? and l.archived = ?)');
      params.push(placement.dialerCampaignId, false);
      break;
    case DuplicateScope.NONE:
      break;
  }
  if (placement.checkDupArchive) {
    scopes.push('l.archived = ?');
    params.push(true);
  }
  if (scopes.length === 0) return false;
  if (except !== null) params.push(except);
  const row = yield* get(
    `select 1 as found from dialer_leads d join dialer_lists l on l.id = d.list_id
      where d.account_id = ? and d.phone = ? and (${scopes.join(' or ')})${except !== null ? ' and d.id <> ?' : ''} limit 1`,
    params,
  );
  return row !== undefined;
}

/**
 * The dialer lead update_if_found updates: by dialer lead id when given, else by phone, in the
 * search scope (archived lists only with check_dup_archive, unless the search names the list),
 * newest first unless the order says oldest. Null when none.
 */
export function* findMatch(
  accountId: string,
  phone: string,
  search: SearchScope,
  options: Pick<DialerPlacement, 'matchLeadId' | 'matchOrder' | 'checkDupArchive'>,
): Step<number | null> {
  const where = ['d.account_id = ?'];
  const params: unknown[] = [accountId];
  if (options.matchLeadId !== null) {
    where.push('d.id = ?');
    params.push(options.matchLeadId);
  } else {
    where.push('d.phone = ?');
    params.push(phone);
  }
  if (search.listId !== undefined) {
    where.push('d.list_id = ?');
    params.push(search.listId);
  } else if (!options.checkDupArchive) {
    where.push('l.archived = ?');
    params.push(false);
  }
  if (search.dialerCampaignId !== undefined) {
    where.push('d.dialer_campaign_id = ?');
    params.push(search.dialerCampaignId);
  }
  if (search.sourceId !== undefined) {
    where.push('exists (select 1 from leads ld where ld.id = d.lead_id and ld.source_id = ?)');
    params.push(search.sourceId);
  }
  const order = options.matchOrder === MatchOrder.OLDEST_FIRST ? 'asc' : 'desc';
  const row = yield* get<{ id: number | string }>(
    `select d.id from dialer_leads d join dialer_lists l on l.id = d.list_id where ${where.join(' and ')} order by d.created_at ${order}, d.id ${order} limit 1`,
    params,
  );
  return row ? Number(row.id) : null;
}

/** Puts an accepted lead in the list (and its hopper when asked), in the lead's transaction. */
export function* placeLead(
  placement: DialerPlacement,
  leadId: string,
  phone: string,
  now: Date,
): Step<{ dialerLeadId: number; hopperEntryId: string | null }> {
  const [id] = yield* insert(
    'DialerLead',
    [
      {
        account: placement.accountId,
        list: placement.listId,
        dialerCampaign: placement.dialerCampaignId,
        lead: leadId,
        phone,
        createdAt: now,
        updatedAt: now,
      },
    ],
    'id',
  );
  const dialerLeadId = Number(id);
  if (!placement.hopper) return { dialerLeadId, hopperEntryId: null };
  const hopperEntryId = newId('hop');
  yield* insert('HopperEntry', [
    {
      id: hopperEntryId,
      account: placement.accountId,
      list: placement.listId,
      dialerLead: dialerLeadId,
      priority: placement.hopper.priority,
      status: HopperStatus.WAITING,
      insertedAt: now,
      expiresAt: placement.hopper.expiresAt,
      leftAt: null,
    },
  ]);
  return { dialerLeadId, hopperEntryId };
}

/**
 * Thrown inside an insert's transaction when update_if_found finds a match that appeared after
 * the insert looked (a concurrent insert of the number): the insert is undone and becomes an update.
 */
export class DialerMatchAppeared extends Error {
  constructor() {
    super('A matching dialer lead appeared while inserting');
    this.name = 'DialerMatchAppeared';
  }
}
