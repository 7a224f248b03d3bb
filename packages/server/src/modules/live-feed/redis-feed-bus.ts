import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import { FeedBatcher, parseBatch, type BatchOptions, type FeedBus } from './feed-bus.js';
import type { FeedMessage } from './feed-message.js';

/** Options for {@link RedisFeedBus}. */
export interface RedisFeedBusOptions extends BatchOptions {
  url: string;
  /** The pub/sub channel; gateways on one database must share it (see {@link feedChannel}). */
  channel: string;
  log: Pick<FastifyBaseLogger, 'warn' | 'info'>;
}

/**
 * The feed through Redis pub/sub: one connection publishes batches, one subscribes. While Redis
 * is down, messages are dropped (the feed is live, not a log; readers catch up with queries) and
 * ioredis reconnects and subscribes again by itself.
 */
export class RedisFeedBus implements FeedBus {
  readonly kind = 'redis';
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly batcher: FeedBatcher;
  private receiver: (message: FeedMessage) => void = () => undefined;
  private down = false;
  private closed?: Promise<void>;

  constructor(private readonly options: RedisFeedBusOptions) {
    const common = { connectTimeout: 2000, retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000) };
    this.publisher = new Redis(options.url, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.subscriber = new Redis(options.url, common);
    for (const redis of [this.publisher, this.subscriber]) {
      redis.on('error', (error: Error) => {
        if (this.down) return;
        this.down = true;
        // The message only: never the URL, which may hold a password.
        options.log.warn(
          { reason: error.message },
          "Redis is unavailable: the live feed reaches this gateway's subscribers only after it is back",
        );
      });
      redis.on('ready', () => {
        if (!this.down) return;
        this.down = false;
        options.log.info({}, 'Redis is back: the live feed is shared again');
      });
    }
    this.subscriber.on('message', (channel: string, payload: string) => {
      if (channel !== options.channel) return;
      for (const message of parseBatch(payload)) this.receiver(message);
    });
    // Subscribed once; ioredis subscribes again after every reconnection.
    this.subscriber.subscribe(options.channel).catch(() => undefined);
    this.batcher = new FeedBatcher((payload) => {
      this.publisher.publish(options.channel, payload).catch(() => undefined);
    }, options);
  }

  publish(message: FeedMessage): void {
    this.batcher.add(message);
  }

  onMessage(receiver: (message: FeedMessage) => void): void {
    this.receiver = receiver;
  }

  /** Resolves once subscribed (or after `timeoutMs`), so a message published right after start reaches this gateway. */
  async waitUntilReady(timeoutMs = 2000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && !(this.subscriber.status === 'ready' && this.publisher.status === 'ready')) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  close(): Promise<void> {
    return (this.closed ??= (async () => {
      this.batcher.flush();
      await Promise.all(
        [this.publisher, this.subscriber].map(async (redis) => {
          try {
            if (redis.status === 'ready') return void (await redis.quit());
          } catch {
            // fall through to a hard disconnect
          }
          redis.disconnect();
        }),
      );
    })());
  }
}
