import 'reflect-metadata';
import { MikroORM, type Options } from '@mikro-orm/core';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Config } from './config.js';
import { entities } from './entities.js';
import { postgresMigrations } from './migrations/postgres/index.js';
import { sqliteMigrations } from './migrations/sqlite/index.js';

/** The ORM instance type; both drivers share the SQL entity manager API. */
export type Orm = MikroORM;

/** Options for {@link initOrm}. */
export interface DbOptions {
  /** Connection pool size for PostgreSQL, default `10`. SQLite always uses one connection. */
  poolSize?: number;
  /** Log every SQL statement, default `false`. */
  debug?: boolean;
}

type Database = Config['database'];

/** SQLite pragmas set on every connection: WAL for concurrent readers, a busy timeout instead of SQLITE_BUSY. */
const SQLITE_PRAGMAS = ['journal_mode = WAL', 'synchronous = NORMAL', 'busy_timeout = 5000', 'foreign_keys = ON'];

/** MikroORM options for the configured database (exported for the migration generator). */
export function ormOptions(database: Database, options: DbOptions = {}): Options {
  const common = {
    entities,
    extensions: [Migrator],
    // The global EntityManager must never serve a request: each request forks its own.
    allowGlobalContext: false,
    debug: options.debug ?? false,
    forceUtcTimezone: true,
    // A failed query's message must not carry its values (emails, phones) into the log.
    driverOptions: { compileSqlOnError: false },
    // Decorators carry explicit types, so no TypeScript metadata is needed (vitest and tsx emit none).
    discovery: { requireEntitiesArray: true },
  } satisfies Options;
  if (database.kind === 'postgresql') {
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: database.url,
      pool: { min: 0, max: options.poolSize ?? 10 },
      migrations: {
        migrationsList: postgresMigrations,
        transactional: true,
        snapshot: false,
        silent: true,
        path: 'src/migrations/postgres',
      },
    };
  }
  return {
    ...common,
    driver: BetterSqliteDriver,
    dbName: database.name,
    pool: {
      min: 1,
      max: 1,
      afterCreate: (conn: { pragma(sql: string): unknown }, done: (err: Error | null, conn: unknown) => void) => {
        for (const pragma of SQLITE_PRAGMAS) conn.pragma(pragma);
        done(null, conn);
      },
    },
    migrations: { migrationsList: sqliteMigrations, transactional: true, snapshot: false, silent: true, path: 'src/migrations/sqlite' },
  };
}

/** Connects to the database (creating the SQLite file and its folder if needed). */
export async function initOrm(database: Database, options: DbOptions = {}): Promise<Orm> {
  return MikroORM.init(ormOptions(database, options));
}

/** Applies every pending migration; returns the names applied. */
export async function migrate(orm: Orm): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}

/** True when the database answers a trivial query. */
export async function isDatabaseReachable(orm: Orm): Promise<boolean> {
  try {
    await orm.em.fork().getConnection().execute('select 1');
    return true;
  } catch {
    return false;
  }
}
