/**
 * The outside services some tests need: Redis (shared rate limits, the live feed across
 * gateways) and a local PostgreSQL server (two gateway processes on one database). On a machine
 * without them, those tests are skipped with one printed line each, so the README's test command
 * passes with only Node and npm; with LEADGATE_TEST_SERVICES=required (.ci/run) a missing
 * service fails the run instead.
 */
import { connect } from 'node:net';
import pg from 'pg';

/** Where the tests find Redis; `TEST_REDIS_URL` moves it. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** A PostgreSQL server the tests may create databases on, when DATABASE_URL is not set; `TEST_PG_URL` moves it. */
export const TEST_PG_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const SERVICES = {
  Redis: { url: TEST_REDIS_URL, defaultPort: 6379, variable: 'TEST_REDIS_URL' },
  PostgreSQL: { url: process.env.DATABASE_URL ?? TEST_PG_URL, defaultPort: 5432, variable: 'TEST_PG_URL' },
} as const;

export type Service = keyof typeof SERVICES;

/** The URL without its password, to print. */
const shown = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

function reachable(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || defaultPort) });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Whether `services` all answer, for the tests described by `what`. When one does not, prints
 * one line naming the tests and the service and returns false (skip them), or throws when
 * LEADGATE_TEST_SERVICES=required.
 */
export async function servicesUp(what: string, ...services: Service[]): Promise<boolean> {
  for (const name of services) {
    const { url, defaultPort, variable } = SERVICES[name];
    if (await reachable(url, defaultPort)) continue;
    const message = `${name} is not reachable at ${shown(url)}`;
    if (process.env.LEADGATE_TEST_SERVICES === 'required') {
      throw new Error(`${message}, and LEADGATE_TEST_SERVICES=required: start it (or point ${variable} at it) to run ${what}`);
    }
    // Straight to stderr: one line, not a console block.
    process.stderr.write(`skipped: ${what} (${message}; start it or set ${variable})\n`);
    return false;
  }
  return true;
}

/**
 * A PostgreSQL database two gateway processes can share: a fresh one next to DATABASE_URL when it
 * is set, else on the server at TEST_PG_URL.
 */
export async function sharedPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = new URL(process.env.DATABASE_URL ?? TEST_PG_URL);
  const name = `leadgate_shared_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: base.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}
