import type { FeedMessage } from './feed-message.js';
import { isFeedMessage } from './feed-message.js';

/** Where feed messages go so that every gateway's subscribers get them. */
export interface FeedBus {
  /** `local` (this process only), `redis` or `postgresql`. */
  readonly kind: 'local' | 'redis' | 'postgresql';
  /** Sends a message to every gateway on the bus, this one included. */
  publish(message: FeedMessage): void;
  /** Sets the one receiver of the messages every gateway published. */
  onMessage(receiver: (message: FeedMessage) => void): void;
  close(): Promise<void>;
}

/** The bus of a single gateway: messages go straight to this process's subscribers. */
export class LocalFeedBus implements FeedBus {
  readonly kind = 'local';
  private receiver: (message: FeedMessage) => void = () => undefined;

  publish(message: FeedMessage): void {
    this.receiver(message);
  }

  onMessage(receiver: (message: FeedMessage) => void): void {
    this.receiver = receiver;
  }

  async close(): Promise<void> {}
}

/** Options of the shared buses' batching. */
export interface BatchOptions {
  /** How long a message may wait for others to share its broker message, default `20` ms. */
  flushMs?: number;
  /** Largest serialized batch, default `7000` characters (PostgreSQL NOTIFY takes under 8000 bytes). */
  maxChars?: number;
}

/**
 * Groups messages into JSON arrays sent at most every `flushMs`, so a gateway taking thousands of
 * leads a second sends a few broker messages, not thousands. Shared by the Redis and PostgreSQL buses.
 */
export class FeedBatcher {
  private pending: string[] = [];
  private chars = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly flushMs: number;
  private readonly maxChars: number;

  constructor(
    private readonly send: (payload: string) => void,
    options: BatchOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 20;
    this.maxChars = options.maxChars ?? 7000;
  }

  add(message: FeedMessage): void {
    const json = JSON.stringify(message);
    // One message larger than a batch (not possible with masked fields of bounded length) is dropped, not split.
    if (json.length + 2 > this.maxChars) return;
    if (this.chars + json.length + 1 > this.maxChars - 2) this.flush();
    this.pending.push(json);
    this.chars += json.length + 1;
    this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const payload = `[${this.pending.join(',')}]`;
    this.pending = [];
    this.chars = 0;
    this.send(payload);
  }
}

/** The well-formed messages of a batch as a broker delivered it; anything else is ignored. */
export function parseBatch(payload: string): FeedMessage[] {
  try {
    const parsed: unknown = JSON.parse(payload);
    return Array.isArray(parsed) ? parsed.filter(isFeedMessage) : [];
  } catch {
    return [];
  }
}
