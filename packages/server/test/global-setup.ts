import { initOrm, migrate } from '../src/db.js';
import { parseDatabaseUrl } from '../src/config.js';

/**
 * With DATABASE_URL (PostgreSQL), migrate once before the test files run in parallel, so they
 * do not race to create the same tables. SQLite tests each use their own database.
 */
export default async function setup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const orm = await initOrm(parseDatabaseUrl(url));
  try {
    await migrate(orm);
  } finally {
    await orm.close();
  }
}
