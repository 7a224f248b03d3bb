import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import { FeedBatcher, parseBatch, type BatchOptions, type FeedBus } from './feed-bus.js';
import type { FeedMessage } from './feed-message.js';

/** The NOTIFY channel (channels are per database, so gateways on one database share it). */
export const POSTGRES_FEED_CHANNEL = 'leadgate_lead_feed';

/** Options for {@link PostgresFeedBus}. */
export interface PostgresFeedBusOptions extends BatchOptions {
  /** The gateway's `postgres://` URL. */
  url: string;
  /** Runs `select pg_notify($1, $2)` (through the ORM's pool, so publishing needs no connection of its own). */
  notify: (channel: string, payload: string) => Promise<unknown>;
  log: Pick<FastifyBaseLogger, 'warn' | 'info'>;
  channel?: string;
}

/**
 * The feed through PostgreSQL LISTEN/NOTIFY, for gateways sharing a database without Redis. One
 * dedicated connection listens and is opened again (with backoff) when it drops; batches are sent
 * with pg_notify. Messages published while the listener is down are missed, as with Redis.
 */
export class PostgresFeedBus implements FeedBus {
  readonly kind = 'postgresql';
  private readonly batcher: FeedBatcher;
  private readonly channel: string;
  private receiver: (message: FeedMessage) => void = () => undefined;
  private client: pg.Client | undefined;
  private listening: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private down = false;
  private closed = false;

  constructor(private readonly options: PostgresFeedBusOptions) {
    this.channel = options.channel ?? POSTGRES_FEED_CHANNEL;
    this.batcher = new FeedBatcher((payload) => {
      options.notify(this.channel, payload).catch(() => undefined);
    }, options);
    this.listening = this.listen();
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.options.url, connectionTimeoutMillis: 5000, keepAlive: true });
    this.client = client;
    client.on('notification', (msg) => {
      if (msg.channel !== this.channel || !msg.payload) return;
      for (const message of parseBatch(msg.payload)) this.receiver(message);
    });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = undefined;
      client.end().catch(() => undefined);
      this.retry(error);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      this.attempt = 0;
      if (this.down) this.options.log.info({}, 'PostgreSQL listener is back: the live feed is shared again');
      this.down = false;
    } catch (error) {
      lost(error as Error);
    }
  }

  private retry(error?: Error): void {
    if (this.closed) return;
    if (!this.down) {
      this.down = true;
      this.options.log.warn(
        { reason: error?.message ?? 'connection ended' },
        "PostgreSQL listener lost: the live feed misses other gateways' leads until it is back",
      );
    }
    const delay = Math.min(++this.attempt * 250, 5000);
    this.retryTimer = setTimeout(() => {
      this.listening = this.listen();
    }, delay);
    this.retryTimer.unref();
  }

  publish(message: FeedMessage): void {
    this.batcher.add(message);
  }

  onMessage(receiver: (message: FeedMessage) => void): void {
    this.receiver = receiver;
  }

  /** Resolves once the first LISTEN has been attempted. */
  async waitUntilReady(): Promise<void> {
    await this.listening;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.batcher.flush();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
