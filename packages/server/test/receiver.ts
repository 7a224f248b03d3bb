import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the receiver does with one request. */
export type Behavior = { status: number; body?: string; headers?: Record<string, string>; delayMs?: number } | { destroy: true };

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A real HTTP receiver on loopback for delivery tests: it records every request and answers as
 * `respond` says (default 200 `{"ok":true}`); `destroy` closes the connection without a reply.
 */
export class Receiver {
  readonly requests: Received[] = [];
  respond: (req: Received, index: number) => Behavior = () => ({ status: 200, body: '{"ok":true}' });
  private server: Server | undefined;
  port = 0;

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const received = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        const behavior = this.respond(received, this.requests.length);
        this.requests.push(received);
        if ('destroy' in behavior) {
          req.socket.destroy();
          return;
        }
        const reply = () => {
          if (res.destroyed) return;
          res.writeHead(behavior.status, { 'content-type': 'application/json', ...behavior.headers });
          res.end(behavior.body ?? '');
        };
        if (behavior.delayMs) setTimeout(reply, behavior.delayMs).unref();
        else reply();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Polls `check` every 20 ms until it returns a truthy value (returned), failing after `timeoutMs` (default 10 s). */
export async function waitFor<T>(check: () => Promise<T> | T, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
