import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { DRIVER, startTestGateway } from './helpers.js';

/** What a raw socket received, and when the server closed it (ms after the first byte was sent). */
interface SocketOutcome {
  received: string;
  closedAfterMs: number;
}

/**
 * Opens a TCP connection, writes `head`, then one byte of `drip` every `everyMs` until the server
 * closes the connection (or `giveUpMs` passes, which fails the test).
 */
function slowRequest(url: string, head: string, drip: string, everyMs: number, giveUpMs = 10_000): Promise<SocketOutcome> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), hostname);
    let received = '';
    let started = 0;
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open for ${giveUpMs} ms; received: ${received}`));
    }, giveUpMs);
    socket.on('connect', () => {
      started = performance.now();
      socket.write(head);
      timer = setInterval(() => {
        if (sent < drip.length && !socket.destroyed) socket.write(drip[sent++]!);
      }, everyMs);
    });
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ received, closedAfterMs: performance.now() - started });
    });
  });
}

describe(`slow clients are cut off (${DRIVER})`, () => {
  let gw: RunningGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ requestTimeoutMs: 1000, headersTimeoutMs: 500, keepAliveTimeoutMs: 300, connectionTimeoutMs: 5000 });
  });
  afterAll(() => gw.close());

  const host = () => new URL(gw.url).host;

  it('a body sent one byte at a time past the request timeout gets 408 and the connection is closed', async () => {
    const body = JSON.stringify({ compid: 'x', sourceid: 'y', campid: 'z', auth: 'w', first: 'Ada' });
    const head = `POST /ca/submit HTTP/1.1\r\nHost: ${host()}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const outcome = await slowRequest(gw.url, head, body, 100);
    expect(outcome.received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(JSON.parse(outcome.received.split('\r\n\r\n')[1]!)).toEqual({
      errors: [
        { message: 'The request did not arrive in time (HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS)', extensions: { code: 'BAD_REQUEST' } },
      ],
    });
    // REQUEST_TIMEOUT_MS is 1000 here; Node looks for late requests every 125 ms (a quarter of the headers timeout).
    expect(outcome.closedAfterMs).toBeGreaterThan(900);
    expect(outcome.closedAfterMs).toBeLessThan(2500);
  });

  it('headers sent one byte at a time past the headers timeout get 408 and the connection is closed', async () => {
    const headers = `GET /healthz HTTP/1.1\r\nHost: ${host()}\r\nX-Slow: ${'a'.repeat(200)}\r\n\r\n`;
    const outcome = await slowRequest(gw.url, '', headers, 50);
    expect(outcome.received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(outcome.closedAfterMs).toBeGreaterThan(400);
    expect(outcome.closedAfterMs).toBeLessThan(2000);
  });

  it('fifty slow bodies at once are all cut off in time, and the gateway answers others meanwhile', async () => {
    const head = `POST /graphql HTTP/1.1\r\nHost: ${host()}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`;
    const slow = Array.from({ length: 50 }, () => slowRequest(gw.url, head, '{'.repeat(1000), 200));
    await new Promise((r) => setTimeout(r, 300));
    const started = performance.now();
    const health = await fetch(`${gw.url}/healthz`);
    expect(health.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(500);
    const outcomes = await Promise.all(slow);
    for (const outcome of outcomes) {
      expect(outcome.received).toMatch(/^HTTP\/1\.1 408 /);
      expect(outcome.closedAfterMs).toBeLessThan(3000);
    }
  });

  it("headers over 16 KiB get 431 in the gateway's JSON shape", async () => {
    const res = await fetch(`${gw.url}/graphql?query=${'a'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    expect(await res.json()).toEqual({
      errors: [{ message: 'The request line and headers are larger than 16 KiB', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('an idle keep-alive connection is closed after the keep-alive timeout', async () => {
    const head = `GET /healthz HTTP/1.1\r\nHost: ${host()}\r\nConnection: keep-alive\r\n\r\n`;
    const outcome = await slowRequest(gw.url, head, '', 1000);
    expect(outcome.received).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    // Node announces whole seconds of the configured keep-alive: KEEP_ALIVE_TIMEOUT_MS 300 is floor(0.3) = 0.
    expect(outcome.received).toMatch(/\r\nKeep-Alive: timeout=0\r\n/i);
    expect(outcome.received.match(/\r\nKeep-Alive:/gi)).toHaveLength(1);
    expect(outcome.closedAfterMs).toBeGreaterThan(250);
    expect(outcome.closedAfterMs).toBeLessThan(2000);
  });
});
