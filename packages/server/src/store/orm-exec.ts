import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { SqlOp } from '../shared/sql-step.js';
import type { RowWriter } from './row-writer.js';

// One statement takes every lock, in ascending hash order, so two transactions that share keys
// always queue in the same order and cannot deadlock.
const LOCK_SQL = `select pg_advisory_xact_lock(h) from (
  select distinct hashtextextended(k, 0) as h from jsonb_array_elements_text(?::jsonb) as t(k) order by h
) as locks`;

/**
 * Answers {@link SqlOp}s on the ORM's connection, inside `em`'s transaction (PostgreSQL, or
 * SQLite for work that runs in an ORM transaction, such as offering pending leads again).
 */
export function ormExec(em: EntityManager, rows: RowWriter): (op: SqlOp) => Promise<unknown> {
  const sql = em as SqlEntityManager;
  const postgres = rows.engine === 'postgresql';
  return async (op) => {
    switch (op.kind) {
      case 'get':
        return (await sql.execute<Array<Record<string, unknown>>>(op.sql, [...op.params]))[0];
      case 'all':
        return sql.execute(op.sql, [...op.params]);
      case 'run': {
        const result = await sql.execute<{ affectedRows?: number; rowCount?: number } | Array<unknown>>(op.sql, [...op.params], 'run');
        return Array.isArray(result) ? result.length : (result.affectedRows ?? result.rowCount ?? 0);
      }
      case 'insert': {
        const statement = rows.insert(op.entity, op.rows, op.returning);
        if (!op.returning) {
          await sql.execute(statement.sql, statement.params, 'run');
          return undefined;
        }
        const returned = await sql.execute<Array<Record<string, unknown>>>(statement.sql, statement.params, 'all');
        return returned.map((row) => Object.values(row)[0]);
      }
      case 'lock':
        if (postgres) await sql.execute(LOCK_SQL, [JSON.stringify(op.keys)]);
        return undefined;
      case 'savepoint':
        await sql.execute(`savepoint "${op.name}"`, [], 'run');
        return undefined;
      case 'rollbackTo':
        await sql.execute(`rollback to savepoint "${op.name}"`, [], 'run');
        return undefined;
      case 'release':
        await sql.execute(`release savepoint "${op.name}"`, [], 'run');
        return undefined;
    }
  };
}
