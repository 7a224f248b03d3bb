import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { LOCK_SQL } from '../shared/row-lock.js';
import type { SqlOp } from '../shared/sql-step.js';
import type { RowWriter } from './row-writer.js';

/** What knex answers for a raw statement: PostgreSQL's result, or better-sqlite3's rows or run info. */
type RawResult = { rows: Array<Record<string, unknown>>; rowCount: number | null } | Array<Record<string, unknown>> | { changes: number };

const rowsOf = (result: RawResult): Array<Record<string, unknown>> =>
  Array.isArray(result) ? result : 'rows' in result ? result.rows : [];
const changesOf = (result: RawResult): number =>
  Array.isArray(result) ? result.length : 'rows' in result ? (result.rowCount ?? 0) : result.changes;

/**
 * Answers {@link SqlOp}s on the ORM's connection, inside `em`'s transaction (PostgreSQL, or
 * SQLite for work that runs in an ORM transaction, such as the opt-in ledger). Statements go to
 * knex with bound parameters: the ORM's own `execute` inlines every value into the SQL text,
 * which costs more than the statement itself for a batch of thousands of values.
 */
export function ormExec(em: EntityManager, rows: RowWriter): (op: SqlOp) => Promise<unknown> {
  const sql = em as SqlEntityManager;
  const knex = sql.getKnex();
  const trx = sql.getTransactionContext();
  const postgres = rows.engine === 'postgresql';
  const raw = async (text: string, params: readonly unknown[]): Promise<RawResult> => {
    const query = knex.raw(text, params as Parameters<typeof knex.raw>[1]);
    if (trx) query.transacting(trx);
    try {
      return (await query) as RawResult;
    } catch (error) {
      // The ORM's exception types (a unique violation, a deadlock...), as its own queries throw them.
      throw em.getDriver().convertException(error as Error);
    }
  };
  return async (op) => {
    switch (op.kind) {
      case 'get':
        return rowsOf(await raw(op.sql, op.params))[0];
      case 'all':
        return rowsOf(await raw(op.sql, op.params));
      case 'run':
        return changesOf(await raw(op.sql, op.params));
      case 'insert': {
        const returned: unknown[] = [];
        for (const statement of rows.insert(op.entity, op.rows, op.returning, op.onConflict)) {
          const result = await raw(statement.sql, statement.params);
          if (op.returning) for (const row of rowsOf(result)) returned.push(Object.values(row)[0]);
        }
        return op.returning ? returned : undefined;
      }
      case 'lock':
        if (postgres) await raw(LOCK_SQL, [JSON.stringify(op.keys)]);
        return undefined;
      case 'savepoint':
        await raw(`savepoint "${op.name}"`, []);
        return undefined;
      case 'rollbackTo':
        await raw(`rollback to savepoint "${op.name}"`, []);
        return undefined;
      case 'release':
        await raw(`release savepoint "${op.name}"`, []);
        return undefined;
    }
  };
}
