import { readFile } from 'node:fs/promises';
import type { FastifyBaseLogger } from 'fastify';
import { ApiKeyRole } from './auth/api-key-role.js';
import type { Caller } from './auth/caller.js';
import type { Config } from './config.js';
import type { RequestContext } from './context.js';
import { initOrm, migrate } from './db.js';
import { AppError } from './errors/app-error.js';
import { toCredentialPlan } from './modules/migration/index.js';
import { createServices } from './registry.js';

export const IMPORT_USAGE = `Usage: leadgate import <what> <file> [options]

What:
  credentials <file.json>   the ids and keys vendors already hold: account code, campaign and
                            source ids, source auth keys, dialer list ids, API tokens

See docs/migration-*.md for the file formats.`;

/** The CLI acts with the platform key's rights: whoever runs it has the database. */
const CLI_CALLER: Caller = { kind: 'key', keyId: 'cli', role: ApiKeyRole.ADMIN, accountId: null, sourceId: null, rateLimitPerMinute: null };

const silent = {
  level: 'silent', fatal() {}, error() {}, warn() {}, info() {}, debug() {}, trace() {}, silent() {},
  child() {
    return silent;
  },
} as unknown as FastifyBaseLogger;

/** `leadgate import …`: returns the exit code (0 done, 1 refused, 2 usage). */
export async function runImport(argv: string[], config: Config, out: (line: string) => void = console.log, err: (line: string) => void = console.error): Promise<number> {
  const [what, file] = argv;
  if (!what || what === '--help' || what === '-h') {
    out(IMPORT_USAGE);
    return what ? 0 : 2;
  }
  if (what !== 'credentials' || !file) {
    err(`leadgate import: ${what !== 'credentials' ? `unknown kind "${what}"` : 'a file is required'}\n\n${IMPORT_USAGE}`);
    return 2;
  }
  const orm = await initOrm(config.database);
  try {
    await migrate(orm);
    const services = createServices();
    const ctx: RequestContext = { em: orm.em.fork(), caller: CLI_CALLER, requestId: 'cli-import', log: silent };
    let plan;
    try {
      plan = toCredentialPlan(JSON.parse(await readFile(file, 'utf8')));
    } catch (error) {
      err(`leadgate import: ${file}: ${error instanceof SyntaxError ? `not valid JSON (${error.message})` : (error as Error).message}`);
      return 1;
    }
    try {
      const report = await services.credentialImport.run(ctx, plan);
      for (const line of report.lines) out(`${line.outcome.padEnd(7)} ${line.what}`);
      out(`Imported into account ${report.accountId}.`);
      return 0;
    } catch (error) {
      if (error instanceof AppError) {
        err(`leadgate import: refused, nothing was imported: ${error.message}`);
        return 1;
      }
      throw error;
    }
  } finally {
    await orm.close();
  }
}
