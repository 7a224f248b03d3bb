import { afterAll, describe, expect, it } from 'vitest';
import { createTenant, DRIVER, freshDatabaseUrl, gqlOk, PLATFORM_KEY, sampleLead, serveCli, SUBMIT } from './helpers.js';
import { Receiver, waitFor } from './receiver.js';

const DELIVERIES = `query($f: DeliveryFilter) { deliveries(filter: $f, first: 100) { id leadId status attemptCount } }`;

describe(`delivery survives kill -9 (${DRIVER})`, () => {
  const cleanups: Array<() => unknown> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('resumes unfinished deliveries after a crash, in flight ones included: every accepted lead reaches the receiver once it is up', async () => {
    const db = await freshDatabaseUrl();
    cleanups.push(db.drop);
    // A port with nothing listening: the receiver is down while leads are accepted.
    const probe = await new Receiver().start();
    const port = probe.port;
    await probe.stop();
    const env = { DATABASE_URL: db.url, LEADGATE_ADMIN_KEY: PLATFORM_KEY, DELIVERY_POLL_MS: '50', DELIVERY_RETRY_BASE_MS: '200' };

    const first = await serveCli(env);
    cleanups.push(() => first.child.kill('SIGKILL'));
    const t = await createTenant(first.url);
    await gqlOk(
      first.url,
      `mutation($i: CreateDestinationInput!) { createDestination(input: $i) { secret } }`,
      {
        i: { campaignId: t.campaignId, name: 'crm', url: `http://127.0.0.1:${port}/hook`, timeoutMs: 1000, maxAttempts: 20 },
      },
      t.adminKey,
    );
    const leadIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      const { submitLead } = await gqlOk(first.url, SUBMIT, { input: sampleLead(t.campaignId) }, t.sourceKey);
      expect(submitLead.status).toBe('ACCEPTED');
      leadIds.push(submitLead.leadId);
    }
    // Every delivery has failed at least once against the dead receiver, then the gateway dies mid-retry.
    await waitFor(async () => {
      const { deliveries } = await gqlOk(first.url, DELIVERIES, {}, t.adminKey);
      return deliveries.length === 20 && deliveries.every((d: { attemptCount: number }) => d.attemptCount >= 1);
    }, 'a failed first attempt of every delivery');
    // Then a receiver that takes requests and never answers: the gateway dies with deliveries in
    // flight, claimed until their lease (timeout + 5 s) lapses.
    const hanging = await new Receiver().start(port);
    hanging.respond = () => ({ status: 200, delayMs: 60_000 });
    await waitFor(() => hanging.requests.length > 0, 'a delivery in flight');
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    await hanging.stop();

    const receiver = await new Receiver().start(port);
    cleanups.push(() => receiver.stop());
    const second = await serveCli(env);
    cleanups.push(() => second.child.kill('SIGKILL'));
    const delivered = await waitFor(
      async () => {
        const { deliveries } = await gqlOk(second.url, DELIVERIES, {}, t.adminKey);
        return deliveries.length === 20 && deliveries.every((d: { status: string }) => d.status === 'DELIVERED') ? deliveries : null;
      },
      'every delivery DELIVERED after the restart',
      30_000,
    );
    const received = new Set(receiver.requests.map((r) => (JSON.parse(r.body) as { leadId: string }).leadId));
    expect([...received].sort()).toEqual([...leadIds].sort());
    // At least once: a repeat carries the same delivery id, so the receiver can drop it.
    const idsByLead = new Map<string, Set<string>>();
    for (const r of receiver.requests) {
      const lead = (JSON.parse(r.body) as { leadId: string }).leadId;
      idsByLead.set(lead, (idsByLead.get(lead) ?? new Set()).add(String(r.headers['x-leadgate-delivery-id'])));
    }
    expect([...idsByLead.values()].every((ids) => ids.size === 1)).toBe(true);
    expect(delivered.map((d: { id: string }) => d.id).sort()).toEqual(
      [...new Set([...idsByLead.values()].flatMap((ids) => [...ids]))].sort(),
    );
  }, 90_000);
});
