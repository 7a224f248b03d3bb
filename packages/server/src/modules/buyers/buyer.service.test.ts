import type { EntityManager } from '@mikro-orm/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import type { Caller } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { initOrm, migrate, type Orm } from '../../db.js';
import { DRIVER, testDatabase, unique } from '../../../test/helpers.js';
import { AccountService } from '../accounts/account.service.js';
import { ConditionOperator, type ConditionInput } from '../campaigns/named-rule.js';
import { Weekday } from '../campaigns/requirement-enums.js';
import { BuyerStatus } from './buyer-status.js';
import type { CreateBuyerInput, UpdateBuyerInput } from './buyer.inputs.js';
import { BuyerService } from './buyer.service.js';

/** `state eq {value}` as the GraphQL input. */
const stateIs = (value: string): ConditionInput => ({ field: 'state', op: ConditionOperator.eq, value });

describe(`BuyerService onBuyersChanged (${DRIVER})`, () => {
  let orm: Orm;
  let accountId: string;
  let calls: Array<{ em: EntityManager; accountId: string }>;
  const service = new BuyerService(async (em, id) => {
    calls.push({ em, accountId: id });
  });
  const ctx = (): RequestContext => ({
    em: orm.em.fork(),
    caller: { kind: 'key', keyId: 'key_test', role: ApiKeyRole.ADMIN, accountId, sourceId: null } as Caller,
    requestId: 'test',
    log: undefined as never,
  });
  const create = (input: Partial<CreateBuyerInput> = {}) => service.create(ctx(), { name: 'Buyer', price: 10, ...input });
  /** Whether updating a fresh buyer made with `initial` by `change` calls back. */
  const callsBack = async (initial: Partial<CreateBuyerInput>, change: UpdateBuyerInput): Promise<boolean> => {
    const buyer = await create(initial);
    calls = [];
    await service.update(ctx(), buyer.id, change);
    return calls.length > 0;
  };

  beforeAll(async () => {
    orm = await initOrm(testDatabase());
    await migrate(orm);
    accountId = (await new AccountService().createUnchecked(orm.em.fork(), { name: 'Market', slug: unique('market') })).id;
  });
  beforeEach(() => {
    calls = [];
  });
  afterAll(() => orm.close());

  it('is called after an ACTIVE buyer is created, with the request EntityManager and the account', async () => {
    const context = ctx();
    const buyer = await service.create(context, { name: 'Buyer', price: 10 });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.accountId).toBe(accountId);
    expect(calls[0]!.em).toBe(context.em);
    // The buyer is stored before the callback runs.
    expect(await orm.em.fork().count('Buyer', { id: buyer.id })).toBe(1);
  });

  it('is not called for a buyer created PAUSED', async () => {
    await create({ status: BuyerStatus.PAUSED });
    expect(calls).toHaveLength(0);
  });

  it.each<[string, Partial<CreateBuyerInput>, UpdateBuyerInput, boolean]>([
    ['resumed', { status: BuyerStatus.PAUSED }, { status: BuyerStatus.ACTIVE }, true],
    ['resumed by null (the default status)', { status: BuyerStatus.PAUSED }, { status: null }, true],
    ['paused', {}, { status: BuyerStatus.PAUSED }, false],
    ['a cap raised', { caps: { daily: 5, weekly: 20 } }, { caps: { daily: 6, weekly: 20 } }, true],
    ['a cap removed', { caps: { daily: 5, weekly: 20 } }, { caps: { daily: 5 } }, true],
    ['every cap cleared', { caps: { monthly: 5 } }, { caps: null }, true],
    ['the total cap raised', { caps: { total: 5 } }, { caps: { total: 50 } }, true],
    ['a cap lowered', { caps: { daily: 5 } }, { caps: { daily: 4 } }, false],
    ['a cap added', {}, { caps: { daily: 4 } }, false],
    ['caps unchanged', { caps: { daily: 5 } }, { caps: { daily: 5 } }, false],
    ['the filter set', {}, { filter: stateIs('CA') }, true],
    ['the filter changed', { filter: stateIs('CA') }, { filter: stateIs('TX') }, true],
    ['the filter cleared', { filter: stateIs('CA') }, { filter: null }, true],
    ['the same filter again', { filter: stateIs('CA') }, { filter: stateIs('CA') }, false],
    ['the schedule changed', {}, { schedule: [{ days: [Weekday.MON], start: '09:00', end: '17:00' }] }, true],
    ['the schedule cleared', { schedule: [{ days: [Weekday.MON], start: '09:00', end: '17:00' }] }, { schedule: [] }, true],
    ['the price changed', {}, { price: 99, priceRules: [{ condition: stateIs('CA'), price: 50 }] }, false],
    ['the name changed', {}, { name: 'Renamed' }, false],
    ["a paused buyer's filter changed", { status: BuyerStatus.PAUSED }, { filter: stateIs('CA') }, false],
    ["a paused buyer's caps removed", { status: BuyerStatus.PAUSED, caps: { daily: 1 } }, { caps: null }, false],
  ])('%s: called back is %s', async (_name, initial, change, expected) => {
    expect(await callsBack(initial, change)).toBe(expected);
  });

  it('is not called when the update is refused', async () => {
    const buyer = await create({ status: BuyerStatus.PAUSED });
    await expect(service.update(ctx(), buyer.id, { status: BuyerStatus.ACTIVE, caps: { daily: -1 } })).rejects.toThrow(/caps\.daily/);
    expect(calls).toHaveLength(0);
  });
});
