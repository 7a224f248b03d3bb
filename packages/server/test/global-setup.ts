import { initOrm, migrate } from '../src/db.js';
import { parseDatabaseUrl } from '../src/config.js';
import { buildUi, isUiStale } from '../ui/build.js';

/**
 * Builds the browser bundles when stale (the page tests load them). With DATABASE_URL
 * (PostgreSQL), migrates once before the test files run in parallel, so they do not race to
 * create the same tables. SQLite tests each use their own database.
 */
export default async function setup(): Promise<void> {
  // The pages' bundles (ui/build.ts), when their sources changed since the last build.
  if (isUiStale()) await buildUi();
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const orm = await initOrm(parseDatabaseUrl(url));
  try {
    await migrate(orm);
  } finally {
    await orm.close();
  }
}
