/**
 * A worker thread holding a read-only better-sqlite3 connection to the gateway's database:
 * stats and export reads run here, so a scan never blocks the event loop that serves intake.
 * WAL lets it read while the gateway writes; each statement sees the last committed state.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { csvPage, type CsvPage } from './lead-csv.js';

/**
 * A query from the pool: run `sql` with `params`, answer with the rows (or, with `csv`, a page
 * of CSV text, so an export costs the event loop one string per page) or the error under `id`.
 */
export interface ReadRequest {
  id: number;
  sql: string;
  params: unknown[];
  csv?: { masked: boolean };
}

export type ReadReply =
  | { id: number; rows: unknown[] }
  | { id: number; page: CsvPage }
  | { id: number; error: { message: string; code?: string } };

const db = new Database((workerData as { file: string }).file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');

const statements = new Map<string, Database.Statement>();
function prepared(sql: string): Database.Statement {
  let st = statements.get(sql);
  if (!st) {
    st = db.prepare(sql);
    // Series and filters make many shapes of SQL: keep the most recent few hundred.
    if (statements.size >= 300) statements.delete(statements.keys().next().value!);
    statements.set(sql, st);
  }
  return st;
}

parentPort!.on('message', (request: ReadRequest) => {
  let reply: ReadReply;
  try {
    const rows = prepared(request.sql).all(...request.params) as Array<Record<string, unknown>>;
    reply = request.csv ? { id: request.id, page: csvPage(rows, request.csv.masked) } : { id: request.id, rows };
  } catch (error) {
    const e = error as { message?: string; code?: string };
    reply = { id: request.id, error: { message: String(e.message ?? error), code: e.code } };
  }
  parentPort!.postMessage(reply);
});
