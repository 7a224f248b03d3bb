/** A fresh, empty PostgreSQL database for a bench phase, dropped afterwards. */
import pg from 'pg';

/** Creates a database next to `adminUrl`'s; says why not when PostgreSQL cannot be reached. */
export async function freshPostgres(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> } | { skipped: string }> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    return {
      skipped: `PostgreSQL at ${new URL(adminUrl).host} is not reachable (${error instanceof Error ? error.message : String(error)}); set BENCH_PG_URL`,
    };
  }
  const name = `leadgate_bench_${Date.now().toString(36)}`;
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
