import { ForeignKeyConstraintViolationException } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { requireAdmin, requireStaffRead, resolveAccountId } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { badInput, notFound } from '../../errors/app-error.js';
import { newId } from '../../shared/ids.js';
import { insert, runAsync, type Step } from '../../shared/sql-step.js';
import { ormExecFor } from '../../store/index.js';
import { Account, OPT_IN_TIME_ZONE } from '../accounts/index.js';
import { Brand } from './brand.entity.js';
import { brandAbbreviation } from './brand.service.js';
import { DeploymentType } from './deployment-type.entity.js';
import { OptInChange } from './optin-change.entity.js';
import { OptInDoor, OptInOutcome, OptInQueue } from './optin-enums.js';
import { lockEmails } from './optin-lock.js';
import {
  applyTargets,
  normalizeEmail,
  planTargets,
  statusKey,
  type CurrentStatus,
  type OptInCatalog,
  type OptInEntry,
  type OptInRequest,
} from './optin-plan.js';
import { OptInStatus } from './optin-status.entity.js';
import { OptInSubmission } from './optin-submission.entity.js';

/** Who submits, and what they may act on. */
export interface OptInActor {
  accountId: string;
  /** The brands the caller may act on; null for every brand of the account (an ADMIN key). */
  brandIds: ReadonlySet<string> | null;
  door: OptInDoor;
  appIdId?: string | null;
  apiKeyId?: string | null;
}

/** What a submission did, for the door to render. */
export interface OptInResult {
  submissionId: string;
  outcome: OptInOutcome;
  /** Entries skipped (an OUT kept), in order. */
  messages: string[];
  /** One per failing item when REJECTED (without the summary line), in order. */
  errors: string[];
  changeCount: number;
}

/** Default and largest `last` of {@link OptInService.history}. */
export const HISTORY_DEFAULT = 500;
export const HISTORY_MAX = 5000;

// Keeps `in (...)` lists under SQLite's bound-parameter limit.
const IN_CHUNK = 5000;

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** The rows of an accepted submission: statuses upserted by (deployment type, email), changes appended, the submission recorded. */
function* writeSubmission(
  statuses: ReadonlyArray<Record<string, unknown>>,
  changes: ReadonlyArray<Record<string, unknown>>,
  submission: Record<string, unknown>,
): Step<void> {
  yield* insert('OptInStatus', statuses, undefined, {
    target: ['deploymentType', 'email'],
    update: ['status', 'source', 'promoCode', 'changedAt', 'submissionId'],
  });
  yield* insert('OptInChange', changes);
  yield* insert('OptInSubmission', [submission]);
}

/**
 * The opt-in ledger behind both doors. A submission is checked whole first (every entry, every
 * authorization) and then written in one transaction, holding each of its emails' locks, so it is
 * all or nothing and concurrent submissions on one email apply one after the other.
 */
export class OptInService {
  /** `now` is the ledger's clock, default `() => new Date()`. */
  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Checks and applies a submission; a refused one is recorded with its errors and writes nothing. */
  async submit(em: EntityManager, actor: OptInActor, request: OptInRequest, submissionId: string = randomUUID()): Promise<OptInResult> {
    try {
      return await this.submitOnce(em, actor, request, submissionId);
    } catch (error) {
      // A deployment type or brand deleted after the plan was made: plan again on a fresh read,
      // which then refuses what no longer exists instead of failing.
      if (!(error instanceof ForeignKeyConstraintViolationException)) throw error;
      return this.submitOnce(em.fork(), actor, request, submissionId);
    }
  }

  private async submitOnce(em: EntityManager, actor: OptInActor, request: OptInRequest, submissionId: string): Promise<OptInResult> {
    const { errors, targets } = planTargets(request, await this.catalog(em, actor));
    const record = (outcome: OptInOutcome, changeCount: number, messages: string[]) =>
      em.create(OptInSubmission, {
        id: submissionId,
        account: actor.accountId,
        queue: request.queue,
        door: actor.door,
        outcome,
        appIdId: actor.appIdId ?? null,
        apiKeyId: actor.apiKeyId ?? null,
        entryCount: request.entries.length,
        changeCount,
        messages,
        errors,
        createdAt: this.now(),
      });
    if (errors.length > 0) {
      await em.persist(record(OptInOutcome.REJECTED, 0, [])).flush();
      return { submissionId, outcome: OptInOutcome.REJECTED, messages: [], errors, changeCount: 0 };
    }
    return em.transactional(async (tx) => {
      const emails = [...new Set(targets.map((t) => t.email))].sort();
      await lockEmails(tx, actor.accountId, emails);
      // Read after the locks: this is the state no other writer can change before we commit.
      const existing = (
        await Promise.all(chunks(emails, IN_CHUNK).map((part) => tx.find(OptInStatus, { account: actor.accountId, email: { $in: part } })))
      ).flat();
      const rows = new Map(existing.map((row) => [statusKey(row.deploymentType.id, row.email), row]));
      const current = new Map<string, CurrentStatus>(
        [...rows].map(([key, row]) => [key, { status: row.status, createdAt: row.createdAt }]),
      );
      const now = this.now();
      const { statuses, changes, messages } = applyTargets(request.queue, targets, current, now);
      const statusRows = [...statuses].map(([key, next]) => ({
        id: rows.get(key)?.id ?? newId('ois'),
        account: actor.accountId,
        brand: next.type.brandId,
        deploymentType: next.type.id,
        typeId: next.type.typeId,
        email: next.email,
        status: next.status,
        source: next.source,
        promoCode: next.promoCode,
        createdAt: next.createdAt,
        changedAt: now,
        submissionId,
      }));
      const changeRows = changes.map((change) => ({
        account: actor.accountId,
        brand: change.type.brandId,
        deploymentType: change.type.id,
        typeId: change.type.typeId,
        email: change.email,
        previousStatus: change.previousStatus,
        status: change.status,
        source: change.source,
        promoCode: change.promoCode,
        level: change.level,
        submissionId,
        changedAt: now,
      }));
      const submission = {
        id: submissionId,
        account: actor.accountId,
        queue: request.queue,
        door: actor.door,
        outcome: OptInOutcome.ACCEPTED,
        appIdId: actor.appIdId ?? null,
        apiKeyId: actor.apiKeyId ?? null,
        entryCount: request.entries.length,
        changeCount: changes.length,
        messages,
        errors: [],
        createdAt: now,
      };
      // Many rows a statement: a thousand entries are a handful of statements, not two thousand.
      await runAsync(writeSubmission(statusRows, changeRows, submission), ormExecFor(tx));
      return { submissionId, outcome: OptInOutcome.ACCEPTED, messages, errors: [], changeCount: changes.length };
    });
  }

  /**
   * GraphQL's optIn / optOut: an ADMIN key of the account (or the platform key with `accountId`)
   * acts on every brand of the account. A refused submission is BAD_USER_INPUT whose extensions
   * carry `submissionId` and every error.
   */
  async submitAsAdmin(
    ctx: RequestContext,
    queue: OptInQueue,
    accountId: string | null | undefined,
    entries: OptInEntry[],
  ): Promise<OptInSubmission> {
    const id = resolveAccountId(ctx.caller, accountId);
    const key = requireAdmin(ctx.caller, id);
    const result = await this.submit(
      ctx.em,
      { accountId: id, brandIds: null, door: OptInDoor.GRAPHQL, apiKeyId: key.keyId },
      { queue, entries },
    );
    if (result.outcome === OptInOutcome.REJECTED) {
      const [first] = result.errors;
      const rest = result.errors.length - 1;
      const more = rest > 0 ? ` (and ${rest} more ${rest === 1 ? 'error' : 'errors'})` : '';
      throw badInput(`${first}${more}`, { submissionId: result.submissionId, errors: result.errors });
    }
    return ctx.em.findOneOrFail(OptInSubmission, { id: result.submissionId });
  }

  /** The email's current statuses in the account, or in one brand, by deployment type number. */
  async status(ctx: RequestContext, email: string, brand?: string | null, accountId?: string | null): Promise<OptInStatus[]> {
    const id = resolveAccountId(ctx.caller, accountId);
    requireStaffRead(ctx.caller, id, 'Account');
    const where: FilterQuery<OptInStatus> = { account: id, email: this.email(email) };
    if (brand != null) {
      const found = await ctx.em.findOne(Brand, { account: id, abbreviation: brandAbbreviation(brand) });
      if (!found) throw notFound('Brand');
      where.brand = found.id;
    }
    return ctx.em.find(OptInStatus, where, { populate: ['brand'], orderBy: { typeId: 'asc' } });
  }

  /** The email's last `last` changes in the account (default 500, at most 5000), oldest first. */
  async history(ctx: RequestContext, email: string, accountId?: string | null, last: number = HISTORY_DEFAULT): Promise<OptInChange[]> {
    const id = resolveAccountId(ctx.caller, accountId);
    requireStaffRead(ctx.caller, id, 'Account');
    if (!Number.isInteger(last) || last < 1 || last > HISTORY_MAX)
      throw badInput(`last must be a whole number from 1 to ${HISTORY_MAX}`, { field: 'last' });
    const rows = await ctx.em.find(OptInChange, { account: id, email: this.email(email) }, { orderBy: { seq: 'desc' }, limit: last });
    return rows.reverse();
  }

  /** A recorded submission (ADMIN and READER keys of its account). */
  async submission(ctx: RequestContext, id: string): Promise<OptInSubmission> {
    const wanted = id.trim().toLowerCase();
    const submission = /^[0-9a-f-]{36}$/.test(wanted) ? await ctx.em.findOne(OptInSubmission, { id: wanted }) : null;
    if (!submission) throw notFound('Submission');
    requireStaffRead(ctx.caller, submission.account.id, 'Submission');
    return submission;
  }

  /** The ledger writes a submission made, in order. */
  changesOf(em: EntityManager, submissionId: string): Promise<OptInChange[]> {
    return em.find(OptInChange, { submissionId }, { orderBy: { seq: 'asc' } });
  }

  /** The time zone the lookup door writes the account's dates in (its optInTimeZone, America/Chicago unless set). */
  async lookupTimeZone(em: EntityManager, accountId: string): Promise<string> {
    return (await em.findOne(Account, { id: accountId }, { fields: ['optInTimeZone'] }))?.optInTimeZone ?? OPT_IN_TIME_ZONE;
  }

  /** The statuses of `email` (any case) for the brand's deployment types, by number; the lookup door's data. */
  lookup(em: EntityManager, brand: Brand, email: string): Promise<OptInStatus[]> {
    return em.find(
      OptInStatus,
      { account: brand.account.id, email: email.trim().toLowerCase(), brand: brand.id },
      { orderBy: { typeId: 'asc' } },
    );
  }

  /** The account's brands and deployment types, and which brands `actor` may act on. */
  private async catalog(em: EntityManager, actor: OptInActor): Promise<OptInCatalog> {
    const [brands, types] = await Promise.all([
      em.find(Brand, { account: actor.accountId }),
      em.find(DeploymentType, { account: actor.accountId }),
    ]);
    return {
      brandIdsByAbbreviation: new Map(brands.map((b) => [b.abbreviation, b.id])),
      typesByNumber: new Map(types.map((t) => [t.typeId, { id: t.id, typeId: t.typeId, brandId: t.brand.id, active: t.active }])),
      authorizedBrandIds: actor.brandIds ?? new Set(brands.map((b) => b.id)),
    };
  }

  private email(value: string): string {
    const email = normalizeEmail(value);
    if (email === null) throw badInput('email must be an email address', { field: 'email' });
    return email;
  }
}
