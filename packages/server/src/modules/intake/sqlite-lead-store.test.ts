import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MetadataStorage } from '@mikro-orm/core';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { all, get, run } from '../../shared/sql-step.js';
import { RowWriter, SqliteWriteGate } from '../../store/index.js';
import { SqliteLeadStore } from './sqlite-lead-store.js';

describe('SqliteLeadStore (group commit)', () => {
  const stores: SqliteLeadStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });

  function setup(options: ConstructorParameters<typeof SqliteLeadStore>[3] = {}) {
    const file = join(mkdtempSync(join(tmpdir(), 'leadgate-store-')), 'store.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('create table t (id integer primary key, v text not null unique)');
    const store = new SqliteLeadStore(file, new RowWriter({} as MetadataStorage, 'sqlite'), new SqliteWriteGate(), options);
    stores.push(store);
    return { db, store };
  }

  it('commits the leads that arrive together in one transaction, each under its own savepoint', async () => {
    const { db, store } = setup();
    const results = await Promise.allSettled([
      store.run(function* () {
        return yield* run('insert into t (v) values (?)', ['a']);
      }),
      // Fails on the unique index after writing once: its own write is rolled back, not the others'.
      store.run(function* () {
        yield* run('insert into t (v) values (?)', ['b']);
        return yield* run('insert into t (v) values (?)', ['a']);
      }),
      store.run(function* () {
        return yield* run('insert into t (v) values (?)', ['c']);
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('select v from t order by v').all()).toEqual([{ v: 'a' }, { v: 'c' }]);
    // The three arrived in one turn of the event loop: one group, one commit.
    expect(store.committed).toEqual({ groups: 1, runs: 3 });
    await store.run(function* () {
      return yield* get('select 1');
    });
    expect(store.committed).toEqual({ groups: 2, runs: 4 });
  });

  it('peeks: runs the work and rolls it back, answering what it saw', async () => {
    const { db, store } = setup();
    const seen = await store.run(
      function* () {
        yield* run('insert into t (v) values (?)', ['p']);
        return yield* all<{ v: string }>('select v from t');
      },
      { peek: true },
    );
    expect(seen).toEqual([{ v: 'p' }]);
    expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 0 });
  });

  it('waits out another connection holding the write lock without blocking the event loop, then commits', async () => {
    const { db, store } = setup();
    db.prepare('begin immediate').run();
    db.prepare('insert into t (v) values (?)').run('held');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    const pending = store.run(function* () {
      return yield* run('insert into t (v) values (?)', ['queued']);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    db.prepare('commit').run();
    await expect(pending).resolves.toBe(1);
    clearInterval(ticker);
    expect(ticks).toBeGreaterThan(10);
    expect(db.prepare('select v from t order by v').all()).toEqual([{ v: 'held' }, { v: 'queued' }]);
  });

  it('fails the group when the lock is not released in time; nothing of it is stored', async () => {
    const { db, store } = setup({ busyDeadlineMs: 100 });
    db.prepare('begin immediate').run();
    await expect(
      store.run(function* () {
        return yield* run('insert into t (v) values (?)', ['late']);
      }),
    ).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    db.prepare('rollback').run();
    expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 0 });
  });

  it('copies the log into the database file from its checkpoint thread', async () => {
    const { db, store } = setup({ checkpointIntervalMs: 20 });
    const file = db.name;
    const before = statSync(file).size;
    const row = 'x'.repeat(1000);
    // 6,000 rows of 1 KB, in the log first: with a thread that does not checkpoint, the file stays
    // as it was (the writer has SQLite's own checkpoints off).
    for (let i = 0; i < 60; i++) {
      await Promise.all(
        Array.from({ length: 100 }, (_, j) =>
          store.run(function* () {
            return yield* run('insert into t (v) values (?)', [`${i}.${j}.${row}`]);
          }),
        ),
      );
    }
    const deadline = Date.now() + 5000;
    while (statSync(file).size < before + 5_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(statSync(file).size).toBeGreaterThan(before + 5_000_000);
    expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 6000 });
  });
});
