/**
 * Database work written once and run two ways. A step is a generator that yields the SQL it
 * needs and receives each answer back:
 *
 * - on SQLite the lead store answers every yield at once from its own better-sqlite3 connection
 *   ({@link runSync}), so a whole group of leads is one synchronous transaction that never
 *   yields to the event loop half-done;
 * - on PostgreSQL each yield is awaited on the ORM's transaction ({@link runAsync}).
 *
 * Write SQL with `?` placeholders that both engines accept, and use {@link lock} where a
 * check-then-write needs serializing across gateways.
 */

/** One database request of a step. */
export type SqlOp =
  | { kind: 'get' | 'all' | 'run'; sql: string; params: readonly unknown[] }
  /** Insert rows of an entity (by its class name); the store builds the statements from the entity's metadata. */
  | { kind: 'insert'; entity: string; rows: ReadonlyArray<Record<string, unknown>>; returning?: string; onConflict?: OnConflict }
  /** Serialize transactions naming the same keys until the transaction ends (no-op where there is one writer). */
  | { kind: 'lock'; keys: readonly string[] }
  | { kind: 'savepoint' | 'rollbackTo' | 'release'; name: string };

/** What an insert does with a row that hits a unique key: update these properties from the new row. */
export interface OnConflict {
  /** The properties of the unique key. */
  target: readonly string[];
  /** The properties to take from the inserted row. */
  update: readonly string[];
}

/** A unit of database work that yields {@link SqlOp}s and returns `T`. */
export type Step<T> = Generator<SqlOp, T, unknown>;

/** The first row of a query, or undefined. */
export function* get<R>(sql: string, params: readonly unknown[] = []): Step<R | undefined> {
  return (yield { kind: 'get', sql, params }) as R | undefined;
}

/** Every row of a query. */
export function* all<R>(sql: string, params: readonly unknown[] = []): Step<R[]> {
  return (yield { kind: 'all', sql, params }) as R[];
}

/** A statement without rows; returns how many rows it changed. */
export function* run(sql: string, params: readonly unknown[] = []): Step<number> {
  return (yield { kind: 'run', sql, params }) as number;
}

/**
 * Inserts `rows` of `entity` (its class name, e.g. `Lead`): every property that has a column,
 * many rows a statement. With `returning`, answers that column of each row inserted (e.g. an
 * autoincrement id); with `onConflict`, a row whose unique key exists updates it instead.
 */
export function* insert(
  entity: string,
  rows: ReadonlyArray<Record<string, unknown>>,
  returning?: string,
  onConflict?: OnConflict,
): Step<unknown[]> {
  if (rows.length === 0) return [];
  return ((yield { kind: 'insert', entity, rows, returning, onConflict }) as unknown[] | undefined) ?? [];
}

/** Holds `keys` until the transaction ends (PostgreSQL advisory locks; SQLite has one writer already). */
export function* lock(keys: readonly string[]): Step<void> {
  if (keys.length) yield { kind: 'lock', keys };
}

/** Answers a step's requests synchronously: `exec` returns each answer (or throws, thrown into the step). */
export function runSync<T>(step: Step<T>, exec: (op: SqlOp) => unknown): T {
  let next = step.next();
  while (!next.done) {
    let answer: unknown;
    try {
      answer = exec(next.value);
    } catch (error) {
      next = step.throw(error);
      continue;
    }
    next = step.next(answer);
  }
  return next.value;
}

/** Answers a step's requests one by one, awaiting each. */
export async function runAsync<T>(step: Step<T>, exec: (op: SqlOp) => Promise<unknown>): Promise<T> {
  let next = step.next();
  while (!next.done) {
    let answer: unknown;
    try {
      answer = await exec(next.value);
    } catch (error) {
      next = step.throw(error);
      continue;
    }
    next = step.next(answer);
  }
  return next.value;
}
