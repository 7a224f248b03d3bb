import type { EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';

/** Longest a commit waits for the ORM's open transactions, in ms. */
const MAX_WAIT_MS = 10_000;

/**
 * Keeps the ORM's transactions and the lead store's group commits apart on SQLite, where they
 * use two connections to one file. A transaction that read before another connection committed
 * cannot write afterwards (SQLITE_BUSY_SNAPSHOT), so the store commits only while no ORM
 * transaction is open, and a new ORM transaction waits while a commit is due (writers would
 * otherwise starve it under steady intake). The store's commits are synchronous, so they never
 * hold the database across the event loop and ORM transactions never wait on them for long.
 */
export class SqliteWriteGate implements EventSubscriber {
  private open = 0;
  private commitDue = false;
  private waitingForIdle: Array<() => void> = [];
  private waitingForCommit: Array<() => void> = [];

  /** MikroORM calls this before each top-level transaction begins: a due commit goes first. */
  async beforeTransactionStart(): Promise<void> {
    while (this.commitDue) await new Promise<void>((resolve) => this.waitingForCommit.push(resolve));
  }

  /** Counted once the transaction exists (a begin that fails never opened one). */
  async afterTransactionStart(_args: TransactionEventArgs): Promise<void> {
    this.open++;
  }

  async afterTransactionCommit(_args: TransactionEventArgs): Promise<void> {
    this.closed();
  }

  async afterTransactionRollback(_args: TransactionEventArgs): Promise<void> {
    this.closed();
  }

  /**
   * Resolves once no ORM transaction is open; until {@link SqliteWriteGate.committed} new ones
   * wait. The caller must then commit synchronously and call `committed`.
   */
  async forCommit(): Promise<void> {
    this.commitDue = true;
    const deadline = Date.now() + MAX_WAIT_MS;
    while (this.open > 0) {
      const left = deadline - Date.now();
      // A transaction that never reports its end must not stop intake: past the deadline the
      // commit goes ahead, and at worst that transaction fails and is retried by its caller.
      if (left <= 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waitingForIdle.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Lets the ORM transactions that waited for the commit start. */
  committed(): void {
    this.commitDue = false;
    for (const resume of this.waitingForCommit.splice(0)) resume();
  }

  private closed(): void {
    this.open = Math.max(0, this.open - 1);
    if (this.open === 0) for (const resume of this.waitingForIdle.splice(0)) resume();
  }
}
