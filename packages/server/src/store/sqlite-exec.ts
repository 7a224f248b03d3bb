import type { Database, Statement } from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import type { SqlOp } from '../shared/sql-step.js';
import type { RowWriter } from './row-writer.js';

/** Parameters as better-sqlite3 binds them: it takes no booleans or dates. */
export function sqliteParams(params: readonly unknown[]): unknown[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p instanceof Date ? p.getTime() : p === undefined ? null : p));
}

/**
 * Answers {@link SqlOp}s synchronously on a better-sqlite3 connection, with its statements
 * prepared once. There is one writer on SQLite, so locks are no-ops.
 */
export class SqliteExec {
  // Bounded: multi-row inserts make one statement per row count.
  private readonly statements = new LRUCache<string, Statement>({ max: 1000 });

  constructor(
    private readonly db: Database,
    private readonly rows: RowWriter,
  ) {}

  readonly exec = (op: SqlOp): unknown => {
    switch (op.kind) {
      case 'get':
        return this.statement(op.sql).get(...sqliteParams(op.params));
      case 'all':
        return this.statement(op.sql).all(...sqliteParams(op.params));
      case 'run':
        return this.statement(op.sql).run(...sqliteParams(op.params)).changes;
      case 'insert': {
        const returned: unknown[] = [];
        for (const { sql, params } of this.rows.insert(op.entity, op.rows, op.returning, op.onConflict)) {
          const statement = this.statement(sql);
          if (!op.returning) statement.run(...params);
          else for (const row of statement.all(...params) as Array<Record<string, unknown>>) returned.push(Object.values(row)[0]);
        }
        return op.returning ? returned : undefined;
      }
      case 'lock':
        return undefined;
      case 'savepoint':
        this.statement(`savepoint "${op.name}"`).run();
        return undefined;
      case 'rollbackTo':
        this.statement(`rollback to "${op.name}"`).run();
        return undefined;
      case 'release':
        this.statement(`release "${op.name}"`).run();
        return undefined;
    }
  };

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
