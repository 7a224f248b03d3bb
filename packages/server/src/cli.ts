#!/usr/bin/env node
import { ApiKeyService } from './modules/api-keys/api-key.service.js';
import { ConfigError, loadConfig } from './config.js';
import { initOrm, migrate } from './db.js';
import { runImport } from './import-command.js';
import { serve } from './main.js';
import { demoBanner, seedDemoData } from './modules/demo/demo-data.js';

const USAGE = `Usage: leadgate <command>

Commands:
  serve     migrate, then run the gateway (default)
  migrate   apply pending database migrations and exit
  seed      create the demo account, campaign and source on an empty database
  import    bring what vendors hold and the history from another system (leadgate import --help)

Configuration comes from the environment: see docs/configuration.md.`;

async function main(argv: string[]): Promise<number> {
  const command = argv[0] ?? 'serve';
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (command === 'import') return runImport(argv.slice(1), loadConfig());
  if (!['serve', 'migrate', 'seed'].includes(command)) {
    console.error(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  if (command === 'serve') {
    await serve(config, { demo: process.env.LEADGATE_DEMO !== 'false' && process.env.LEADGATE_DEMO !== '0' });
    return -1; // keep running until a signal
  }
  const orm = await initOrm(config.database);
  try {
    const applied = await migrate(orm);
    console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database is up to date.');
    if (command === 'seed') {
      const em = orm.em.fork();
      const key = await new ApiKeyService().ensurePlatformAdmin(em, config.adminKey);
      const demo = await seedDemoData(em);
      if (demo) console.log(demoBanner(`http://${config.host}:${config.port}`, demo, { platformKey: key, serving: false }));
      else {
        if (key) console.log(`Platform admin key (shown once, store it now): ${key}`);
        console.log('The database has accounts already; no demo data created.');
      }
    }
  } finally {
    await orm.close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else if ((error as { code?: unknown }).code === 'EADDRINUSE') {
      const { port, host } = loadConfig();
      console.error(
        `leadgate: port ${port} on ${host} is already in use (is another gateway running?). ` +
          `Start this one on another port: PORT=${port === 65535 ? 4001 : port + 1} npx --yes pnpm@10 start`,
      );
    } else console.error(`leadgate: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
