import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { FastifyBaseLogger } from 'fastify';
import { ApiKeyRole } from './auth/api-key-role.js';
import type { Caller } from './auth/caller.js';
import type { Config } from './config.js';
import type { RequestContext } from './context.js';
import { initOrm, migrate } from './db.js';
import { AppError } from './errors/app-error.js';
import {
  formatOfName,
  importRows,
  parseMapping,
  toCredentialPlan,
  type ImportFormat,
  type ImportSummary,
} from './modules/migration/index.js';
import { Account, findSeller } from './modules/accounts/index.js';
import { createServices } from './registry.js';

export const IMPORT_USAGE = `Usage: leadgate import <what> <file> [options]

What:
  credentials <file.json>   the ids and keys vendors already hold: account code, campaign and
                            source ids, source auth keys, dialer list ids, API tokens
  leads <file>              past leads (CSV with a header row, or JSON lines), so duplicate
                            windows, caps and dashboards count them
  dnc <file>                DNC numbers (phone_number, campaign_id, reason, purpose, insert_date)
  optins <file>             opt-in and opt-out states (email, deployment_type_id, status, changed_at)

Options (leads):
  --campaign <id>           the campaign of rows that name none (required)
  --source <id>             the source of rows that name none (default: "Imported history")
  --map field=column,...    read these columns as these fields (others are read by name)
  --format csv|jsonl        default: from the file name
  --rejects <file>          write every rejected row (line,reason) as CSV

Options (dnc, optins):
  --account <id|code|slug>  the account (required); --map, --format and --rejects as above

Running an import again imports nothing twice. See docs/migration-*.md.`;

/** The CLI acts with the platform key's rights: whoever runs it has the database. */
const CLI_CALLER: Caller = { kind: 'key', keyId: 'cli', role: ApiKeyRole.ADMIN, accountId: null, sourceId: null, rateLimitPerMinute: null };

const silent = {
  level: 'silent',
  fatal() {},
  error() {},
  warn() {},
  info() {},
  debug() {},
  trace() {},
  silent() {},
  child() {
    return silent;
  },
} as unknown as FastifyBaseLogger;

/** Where the command writes: stdout lines, stderr lines, and a progress line (a terminal's only). */
export interface ImportOutput {
  out(line: string): void;
  err(line: string): void;
  /** Replaces the progress line; absent when stderr is not a terminal. */
  progress?(line: string): void;
}

const consoleOutput = (): ImportOutput => ({
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  ...(process.stderr.isTTY ? { progress: (line: string) => process.stderr.write(`\r\x1b[2K${line}`) } : {}),
});

const n = (value: number) => value.toLocaleString('en-US');

function describe(summary: ImportSummary, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? Math.round((summary.rows * 1000) / elapsedMs) : 0;
  return `${n(summary.rows)} rows: ${n(summary.imported)} imported, ${n(summary.existing)} already there, ${n(summary.rejected)} rejected (${n(rate)} rows/s)`;
}

/** `leadgate import …`: returns the exit code (0 done, 1 refused, 2 usage). */
export async function runImport(argv: string[], config: Config, output: ImportOutput = consoleOutput()): Promise<number> {
  const { out, err } = output;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        campaign: { type: 'string' },
        source: { type: 'string' },
        account: { type: 'string' },
        map: { type: 'string' },
        format: { type: 'string' },
        rejects: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    err(`leadgate import: ${(error as Error).message}\n\n${IMPORT_USAGE}`);
    return 2;
  }
  const [what, file] = parsed.positionals;
  if (!what || parsed.values.help) {
    out(IMPORT_USAGE);
    return what || parsed.values.help ? 0 : 2;
  }
  const kinds = ['credentials', 'leads', 'dnc', 'optins'];
  if (!kinds.includes(what) || !file) {
    err(`leadgate import: ${!kinds.includes(what) ? `unknown kind "${what}"` : 'a file is required'}\n\n${IMPORT_USAGE}`);
    return 2;
  }
  let format: ImportFormat | null = null;
  if (what !== 'credentials') {
    if (what === 'leads' ? !parsed.values.campaign : !parsed.values.account) {
      err(`leadgate import ${what}: ${what === 'leads' ? '--campaign <id>' : '--account <id|code|slug>'} is required`);
      return 2;
    }
    format = parsed.values.format ? (parsed.values.format.toUpperCase() as ImportFormat) : formatOfName(file);
    if (format !== 'CSV' && format !== 'JSONL') {
      err(
        `leadgate import ${what}: say --format csv or --format jsonl (${parsed.values.format ? `not "${parsed.values.format}"` : 'the file name does not tell'})`,
      );
      return 2;
    }
  }
  const orm = await initOrm(config.database);
  try {
    await migrate(orm);
    const services = createServices();
    const ctx: RequestContext = { em: orm.em.fork(), caller: CLI_CALLER, requestId: 'cli-import', log: silent };
    try {
      if (what === 'credentials') {
        let plan;
        try {
          plan = toCredentialPlan(JSON.parse(await readFile(file, 'utf8')));
        } catch (error) {
          err(`leadgate import: ${file}: ${error instanceof SyntaxError ? `not valid JSON (${error.message})` : (error as Error).message}`);
          return 1;
        }
        const report = await services.credentialImport.run(ctx, plan);
        for (const line of report.lines) out(`${line.outcome.padEnd(7)} ${line.what}`);
        out(`Imported into account ${report.accountId}.`);
        return 0;
      }
      const started = Date.now();
      const rejected: string[] = [];
      let shown = 0;
      let lastProgress = 0;
      const mapping = parsed.values.map ? parseMapping(parsed.values.map) : [];
      const rows = importRows(createReadStream(file), format!);
      let accountId: string | null = null;
      if (what !== 'leads') {
        const account =
          (await ctx.em.findOne(Account, { id: parsed.values.account! })) ?? (await findSeller(ctx.em, parsed.values.account!));
        if (!account) {
          err(`leadgate import ${what}: no account "${parsed.values.account}" (give its id, code or slug)`);
          return 1;
        }
        accountId = account.id;
      }
      const progressOptions = {
        onRejected: (line: number, reason: string) => {
          if (parsed.values.rejects) rejected.push(`${line},${JSON.stringify(reason)}`);
          if (shown++ < 20) {
            if (output.progress) output.progress('');
            err(`line ${line}: ${reason}`);
          }
        },
        onProgress: (s: ImportSummary) => {
          const now = Date.now();
          if (output.progress && now - lastProgress >= 200) {
            lastProgress = now;
            output.progress(`Importing ${file}: ${describe(s, now - started)}`);
          }
        },
      };
      const summary =
        what === 'leads'
          ? await services.leadImport.run(
              ctx,
              { campaignId: parsed.values.campaign!, sourceId: parsed.values.source ?? null, mapping },
              rows,
              progressOptions,
            )
          : what === 'dnc'
            ? await services.dncImport.run(ctx, { accountId, mapping }, rows, progressOptions)
            : await services.optInImport.run(ctx, { accountId, mapping }, rows, progressOptions);
      if (output.progress) output.progress('');
      if (parsed.values.rejects)
        await writeFile(parsed.values.rejects, `line,reason\n${rejected.join('\n')}${rejected.length ? '\n' : ''}`);
      if (summary.ignoredColumns.length) out(`Ignored columns: ${summary.ignoredColumns.join(', ')} (map them with --map field=column).`);
      out(
        `${file}: ${describe(summary, Date.now() - started)}.${summary.rejected > shown && shown >= 20 ? ` The first 20 rejections are listed above${parsed.values.rejects ? `; all are in ${parsed.values.rejects}` : '; --rejects <file> lists them all'}.` : ''}`,
      );
      return 0;
    } catch (error) {
      if (error instanceof AppError) {
        err(`leadgate import: refused${what === 'credentials' ? ', nothing was imported' : ''}: ${error.message}`);
        return 1;
      }
      // Broken CSV quoting: nothing after it can be read (the rows before it are imported).
      if ((error as Error).name === 'CsvError') {
        if (output.progress) output.progress('');
        err(
          `leadgate import: ${file} cannot be read past this point: ${(error as Error).message}. The rows before it were imported; fix the file and run the import again.`,
        );
        return 1;
      }
      throw error;
    }
  } finally {
    await orm.close();
  }
}
