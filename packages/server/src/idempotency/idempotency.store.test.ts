import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initOrm, migrate, type Orm } from '../db.js';
import { CLAIM_LEASE_MS, DUPLICATE_WAIT_MS, IdempotencyStore } from './idempotency.store.js';

describe('IdempotencyStore', () => {
  let orm: Orm;
  let now = 1_800_000_000_000;
  const store = new IdempotencyStore(() => now);
  beforeAll(async () => {
    orm = await initOrm({ kind: 'sqlite', url: 'sqlite::memory:', name: ':memory:' });
    await migrate(orm);
  });
  afterAll(() => orm.close());

  it('lets a retry take over a claim whose request never finished (its gateway died)', async () => {
    const first = await store.begin(orm.em, 'key_1', 'k-crash', 'h');
    expect(first.kind).toBe('run');
    now += CLAIM_LEASE_MS + 1;
    const retry = await store.begin(orm.em, 'key_1', 'k-crash', 'h');
    expect(retry.kind).toBe('run');
    // The dead request's late answer cannot overwrite the retry's claim.
    if (first.kind === 'run') await store.complete(orm.em, first.claim, { data: { x: 'stale' } });
    if (retry.kind === 'run') await store.complete(orm.em, retry.claim, { data: { x: 'fresh' } });
    expect(await store.begin(orm.em, 'key_1', 'k-crash', 'h')).toEqual({ kind: 'replay', response: { data: { x: 'fresh' } } });
  });

  it('answers CONFLICT to a duplicate whose first request is still running after the wait', async () => {
    let clock = 1_900_000_000_000;
    const slow = new IdempotencyStore(() => (clock += DUPLICATE_WAIT_MS / 4));
    expect((await slow.begin(orm.em, 'key_2', 'k-slow', 'h')).kind).toBe('run');
    await expect(slow.begin(orm.em, 'key_2', 'k-slow', 'h')).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('still running'),
    });
  });

  it('forgets a released key', async () => {
    const begun = await store.begin(orm.em, 'key_3', 'k-release', 'h1');
    if (begun.kind === 'run') await store.release(orm.em, begun.claim);
    expect((await store.begin(orm.em, 'key_3', 'k-release', 'h2')).kind).toBe('run');
  });
});
