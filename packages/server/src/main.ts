import type { FastifyInstance } from 'fastify';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { initOrm, migrate, type Orm } from './db.js';
import { demoBanner, restartBanner, seedDemoData } from './modules/demo/demo-data.js';
import { ApiKeyService } from './modules/api-keys/api-key.service.js';

/** A running gateway. */
export interface RunningGateway {
  app: FastifyInstance;
  orm: Orm;
  /** e.g. http://127.0.0.1:4000 */
  url: string;
  /** Stops accepting, finishes in-flight requests, then closes the ORM. Idempotent. */
  close(): Promise<void>;
}

/** Options for {@link startGateway}. */
export interface StartOptions {
  /** Create demo data when the database has no account, default `true`. */
  demo?: boolean;
  /** Where one-time messages (bootstrap key, demo credentials) go, default stdout. */
  print?: (text: string) => void;
  /** The gateway's clock, default `() => new Date()`; tests move it to drive expiries and schedules. */
  now?: () => Date;
}

/**
 * Starts the gateway: migrate, make sure a platform admin key exists (printing a new one once),
 * seed demo data on an empty database, then listen.
 */
export async function startGateway(config: Config, options: StartOptions = {}): Promise<RunningGateway> {
  const print = options.print ?? ((text: string) => process.stdout.write(text));
  const orm = await initOrm(config.database);
  let app: FastifyInstance | undefined;
  try {
    await migrate(orm);
    const em = orm.em.fork();
    const bootstrapKey = await new ApiKeyService().ensurePlatformAdmin(em, config.adminKey);
    const demo = options.demo === false ? null : await seedDemoData(em);
    app = await createApp({ orm, config, now: options.now });
    const address = await app.listen({ port: config.port, host: config.host });
    const url = address.replace('[::1]', 'localhost');
    if (demo) print(demoBanner(url, demo, { platformKey: bootstrapKey }));
    else if (bootstrapKey) print(`\nPlatform admin key (shown once, store it now): ${bootstrapKey}\n\n`);
    else if (options.demo !== false) print(restartBanner(url));
    let closing: Promise<void> | undefined;
    const running = app;
    return {
      app: running,
      orm,
      url,
      close: () =>
        (closing ??= (async () => {
          await running.close();
          await orm.close();
        })()),
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await orm.close();
    throw error;
  }
}

/**
 * Runs the gateway until SIGTERM or SIGINT, then shuts down gracefully: stop accepting, let
 * in-flight requests finish (at most `shutdownTimeoutMs`), close the ORM, exit.
 */
export async function serve(config: Config, options: StartOptions = {}): Promise<void> {
  const gateway = await startGateway(config, options);
  let stopping = false;
  const shutdown = (signal: string) => {
    // Ctrl-C reaches every process of the terminal's group, and npx and pnpm pass it on again:
    // the repeats must not kill the shutdown under way (it is bounded by shutdownTimeoutMs).
    if (stopping) return;
    stopping = true;
    gateway.app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      gateway.app.log.error('in-flight requests did not finish in time; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        gateway.app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
