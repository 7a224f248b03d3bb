import type { EntityManager } from '@mikro-orm/core';
import { runAsync, type Step } from '../../shared/sql-step.js';
import { ormExecFor } from '../../store/index.js';
import type { LeadStore, RunOptions } from './lead-store.js';

/** Carries a peeked result out of a transaction that must roll back. */
class Peeked<T> extends Error {
  constructor(readonly value: T) {
    super('peek');
  }
}

/**
 * One transaction per lead on the ORM's pool: PostgreSQL runs many at once, and its row locks,
 * unique indexes and advisory locks keep claims exact across gateways. (Batching leads into one
 * transaction would serialize them behind each other's locks.)
 */
export class PostgresLeadStore implements LeadStore {
  readonly engine = 'postgresql';

  constructor(private readonly em: EntityManager) {}

  async run<T>(program: () => Step<T>, options: RunOptions = {}): Promise<T> {
    try {
      return await this.em.fork().transactional(async (tx) => {
        const value = await runAsync(program(), ormExecFor(tx));
        if (options.peek) throw new Peeked(value);
        return value;
      });
    } catch (error) {
      if (error instanceof Peeked) return error.value as T;
      throw error;
    }
  }

  async close(): Promise<void> {}
}
