import { randomUUID } from 'node:crypto';
import { requireAdmin, resolveAccountId } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { badInput, notFound } from '../../errors/app-error.js';
import { Account } from '../accounts/index.js';
import { isEmail } from '../fields/index.js';
import { DeploymentType, lockEmails, OptInChange, OptInLevel, OptInStatus, OptStatus } from '../optins/index.js';
import type { ColumnSchema } from './column-map.js';
import { mapValues } from './column-map.js';
import type { ImportRow } from './import-rows.js';
import { runRows, type ImportOptions, type ImportSummary } from './import-runner.js';
import { parseReceivedAt } from '../../shared/wall-clock.js';

/** Opt-in states: an email, a deployment type (Omeda's number), IN or OUT, and when it was set (Omeda's names too). */
export const OPT_IN_COLUMNS: ColumnSchema = {
  known: {
    email: ['email', 'email_address', 'emailaddress'],
    deploymentTypeId: ['deployment_type_id', 'deploymenttypeid', 'deployment_type', 'type_id'],
    status: ['status', 'opt_status', 'optin_status', 'filter_status'],
    source: ['source'],
    promoCode: ['promo_code', 'promocode'],
    changedAt: ['changed_at', 'changeddate', 'changed_date', 'updated_at', 'date'],
    createdAt: ['created_at', 'createddate', 'created_date'],
  },
  extra: false,
};

const STATUS: Record<string, OptStatus> = {
  in: OptStatus.IN,
  opt_in: OptStatus.IN,
  'opt-in': OptStatus.IN,
  optin: OptStatus.IN,
  subscribed: OptStatus.IN,
  '1': OptStatus.IN,
  true: OptStatus.IN,
  out: OptStatus.OUT,
  opt_out: OptStatus.OUT,
  'opt-out': OptStatus.OUT,
  optout: OptStatus.OUT,
  unsubscribed: OptStatus.OUT,
  '0': OptStatus.OUT,
  false: OptStatus.OUT,
};

/** The source written on imported states that name none. */
export const IMPORTED_OPT_IN_SOURCE = 'Imported';

interface PreparedState {
  email: string;
  type: DeploymentType;
  status: OptStatus;
  source: string;
  promoCode: string | null;
  createdAt: Date;
  changedAt: Date;
}

/**
 * Imports opt-in and opt-out states: each row sets an email's status for one deployment type,
 * with its own history entry, unless the stored status was set at that time or later (so a
 * newer live change wins, and importing a file again changes nothing). Dates without a zone are
 * read on the account's opt-in clock (US Central unless set), as Omeda writes them.
 */
export class OptInImportService {
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
    const types = new Map<number, DeploymentType | null>();
    const now = options.now ?? new Date();
    const submissionId = randomUUID();
    return runRows<PreparedState>(
      rows,
      {
        schema: OPT_IN_COLUMNS,
        mapping: target.mapping ?? [],
        prepare: async (record, map) => {
          const v = mapValues(map, record);
          const email = v.email?.toLowerCase();
          if (!email || !isEmail(email)) throw badInput(v.email ? `"${v.email}" is not an email address` : 'email is empty');
          const typeId = v.deploymentTypeId && /^\d{1,9}$/.test(v.deploymentTypeId) ? Number(v.deploymentTypeId) : null;
          if (typeId === null)
            throw badInput(v.deploymentTypeId ? `deployment type "${v.deploymentTypeId}" is not a number` : 'deployment type is empty');
          if (!types.has(typeId)) types.set(typeId, await em.findOne(DeploymentType, { account: accountId, typeId }));
          const type = types.get(typeId);
          if (!type) throw badInput(`deployment type ${typeId} is not one of this account's`);
          const status = v.status !== undefined && Object.hasOwn(STATUS, v.status.toLowerCase()) ? STATUS[v.status.toLowerCase()]! : null;
          if (!status) throw badInput(v.status ? `status "${v.status}" is neither IN nor OUT` : 'status is empty');
          const at = (value: string | undefined, field: string): Date | null => {
            if (value === undefined) return null;
            const parsed = parseReceivedAt(value.replace(/\s+C[SD]T$/i, ''), account.optInTimeZone);
            if (!parsed) throw badInput(`${field} "${value}" is not a date and time`);
            return parsed;
          };
          const changedAt = at(v.changedAt, 'changed date') ?? now;
          const createdAt = at(v.createdAt, 'created date') ?? changedAt;
          if ((v.source?.length ?? 0) > 255 || (v.promoCode?.length ?? 0) > 50)
            throw badInput('source must be at most 255 characters and promo code at most 50');
          return { email, type, status, source: v.source ?? IMPORTED_OPT_IN_SOURCE, promoCode: v.promoCode ?? null, createdAt, changedAt };
        },
        write: (batch) =>
          em.transactional(async (tx) => {
            await lockEmails(tx, accountId, [...new Set(batch.map((s) => s.email))].sort());
            let written = 0;
            for (const s of batch) {
              const current = await tx.findOne(OptInStatus, { deploymentType: s.type.id, email: s.email });
              if (current && current.changedAt.getTime() >= s.changedAt.getTime()) continue;
              const values = { status: s.status, source: s.source, promoCode: s.promoCode, changedAt: s.changedAt, submissionId };
              if (current) tx.assign(current, values);
              else
                tx.create(OptInStatus, {
                  account: accountId,
                  brand: s.type.brand.id,
                  deploymentType: s.type.id,
                  typeId: s.type.typeId,
                  email: s.email,
                  createdAt: s.createdAt,
                  ...values,
                });
              tx.create(OptInChange, {
                account: accountId,
                brand: s.type.brand.id,
                deploymentType: s.type.id,
                typeId: s.type.typeId,
                email: s.email,
                previousStatus: current?.status ?? null,
                status: s.status,
                source: s.source,
                promoCode: s.promoCode,
                level: OptInLevel.DEPLOYMENT_TYPE,
                submissionId,
                changedAt: s.changedAt,
              });
              // Two rows of one email and type in a batch: the later one sees the first.
              await tx.flush();
              written++;
            }
            return written;
          }),
      },
      options,
    );
  }
}
