import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { requireAdmin, resolveAccountId } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { badInput, notFound } from '../../errors/app-error.js';
import { isSqlite } from '../../shared/row-lock.js';
import { Account } from '../accounts/index.js';
import { DialerCampaign, dialerPhone, parseDialerId, PURPOSE_LIST_ID } from '../dialer/index.js';
import type { ColumnSchema } from './column-map.js';
import { mapValues } from './column-map.js';
import type { ImportRow } from './import-rows.js';
import { runRows, type ImportOptions, type ImportSummary } from './import-runner.js';
import { parseReceivedAt } from '../../shared/wall-clock.js';

/** DNC numbers: the number, its list (campaign_id as the dialer door names it), reason, purpose, a note and when it was added. */
export const DNC_COLUMNS: ColumnSchema = {
  known: {
    phone: ['phone', 'phone_number', 'number', 'phonenumber', 'dnc_number'],
    phoneCode: ['phone_code', 'country_code'],
    list: ['campaign_id', 'list', 'dialer_campaign_id'],
    reason: ['reason'],
    purpose: ['purpose'],
    note: ['note', 'notes', 'comment'],
    insertedAt: ['insert_date', 'inserted_at', 'created_at', 'date', 'added'],
  },
  extra: false,
};

interface PreparedNumber {
  scope: string;
  dialerCampaignId: number | null;
  phone: string;
  note: string | null;
  reason: string | null;
  purpose: string | null;
  createdAtMs: number;
}

const text = (value: string | undefined, field: string, max: number): string | null => {
  if (value === undefined) return null;
  if (value.length > max || value.includes('\u0000')) throw badInput(`${field} must be at most ${max} characters`);
  return value;
};

/**
 * Imports DNC numbers into an account's lists: campaign_id 0 or empty the account-wide list, -1
 * the purpose list, else a dialer campaign's. A number already on its list stays as it is, so
 * importing a file again adds nothing twice.
 */
export class DncImportService {
  async run(
    ctx: RequestContext,
    target: { accountId?: string | null; mapping?: ReadonlyArray<{ target: string; column: string }> },
    rows: AsyncIterable<ImportRow>,
    options: ImportOptions = {},
  ): Promise<ImportSummary> {
    const em = ctx.em;
    const accountId = resolveAccountId(ctx.caller, target.accountId);
    requireAdmin(ctx.caller, accountId);
    const account = await em.findOne(Account, { id: accountId });
    if (!account) throw notFound('Account');
    const campaigns = new Map<number, boolean>();
    const now = options.now ?? new Date();
    return runRows<PreparedNumber>(
      rows,
      {
        schema: DNC_COLUMNS,
        mapping: target.mapping ?? [],
        prepare: async (record, map) => {
          const v = mapValues(map, record);
          const code = (v.phoneCode ?? '1').replace(/^\+/, '');
          if (code !== '1') throw badInput(`phone_code ${v.phoneCode} is not 1: Leadgate keeps US numbers`);
          const phone = v.phone ? dialerPhone(v.phone) : null;
          if (!phone) throw badInput(v.phone ? `"${v.phone}" is not a possible US phone number` : 'phone is empty');
          const list = v.list ?? '0';
          let scope = 'account';
          let dialerCampaignId: number | null = null;
          if (list === PURPOSE_LIST_ID) scope = 'purpose';
          else if (list !== '0') {
            dialerCampaignId = parseDialerId(list);
            if (dialerCampaignId === null) throw badInput(`campaign_id "${list}" is not 0, -1 or a dialer campaign id`);
            if (!campaigns.has(dialerCampaignId))
              campaigns.set(dialerCampaignId, (await em.count(DialerCampaign, { id: dialerCampaignId, account: accountId })) > 0);
            if (!campaigns.get(dialerCampaignId)) throw badInput(`campaign_id ${list} is not a dialer campaign of this account`);
            scope = String(dialerCampaignId);
          }
          let createdAt = now;
          if (v.insertedAt) {
            const parsed = parseReceivedAt(v.insertedAt, account.timeZone);
            if (!parsed) throw badInput(`insert_date "${v.insertedAt}" is not a date and time`);
            createdAt = parsed;
          }
          return {
            scope,
            dialerCampaignId,
            phone,
            note: text(v.note, 'note', 500),
            reason: text(v.reason, 'reason', 100),
            purpose: text(v.purpose, 'purpose', 100),
            createdAtMs: createdAt.getTime(),
          };
        },
        write: (batch) => writeNumbers(em, accountId, batch),
      },
      options,
    );
  }
}

/** Adds the numbers not yet on their lists, in one transaction; returns how many were added. */
async function writeNumbers(em: EntityManager, accountId: string, batch: readonly PreparedNumber[]): Promise<number> {
  const sqlite = isSqlite(em);
  return em.transactional(async (tx) => {
    let added = 0;
    for (let from = 0; from < batch.length; from += 200) {
      const part = batch.slice(from, from + 200);
      const rows = await (tx as SqlEntityManager).execute<Array<{ id: number }>>(
        `insert into dnc_numbers (account_id, scope, dialer_campaign_id, phone, note, reason, purpose, created_at) values ${part.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
         on conflict (account_id, scope, phone) do nothing returning id`,
        part.flatMap((n) => [
          accountId,
          n.scope,
          n.dialerCampaignId,
          n.phone,
          n.note,
          n.reason,
          n.purpose,
          sqlite ? n.createdAtMs : new Date(n.createdAtMs),
        ]),
      );
      added += rows.length;
    }
    return added;
  });
}
