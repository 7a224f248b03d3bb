import { afterAll, describe, expect, it } from 'vitest';
import { createTenant, DRIVER, freshDatabaseUrl, gql, gqlOk, PLATFORM_KEY, sampleLead, serveCli, SUBMIT } from './helpers.js';

/**
 * A lead is acknowledged only once committed: leads go in groups (SQLite) or one transaction
 * each (PostgreSQL), and a gateway killed with kill -9 under load loses none it acknowledged.
 */
describe(`no acknowledged lead is lost to kill -9 (${DRIVER})`, () => {
  const cleanups: Array<() => unknown> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('finds every ACCEPTED lead after a crash mid-load, and stores no lead twice', async () => {
    const db = await freshDatabaseUrl();
    cleanups.push(db.drop);
    const env = { DATABASE_URL: db.url, LEADGATE_ADMIN_KEY: PLATFORM_KEY, LEADGATE_DEMO: 'false' };
    const first = await serveCli(env);
    cleanups.push(() => first.child.kill('SIGKILL'));
    const t = await createTenant(first.url);

    // 32 clients keep submitting until the gateway dies; the kill lands while groups are being written.
    const acknowledged: string[] = [];
    const answers = new Map<string, number>();
    let dead = false;
    const client = async () => {
      while (!dead) {
        try {
          const res = await gql(first.url, SUBMIT, { input: sampleLead(t.campaignId) }, t.sourceKey);
          const answer = res.data?.submitLead
            ? `${res.data.submitLead.status} ${res.data.submitLead.reasonCode ?? ''}`
            : `HTTP ${res.status} ${res.errors?.[0]?.message}`;
          answers.set(answer, (answers.get(answer) ?? 0) + 1);
          if (res.data?.submitLead?.status === 'ACCEPTED') acknowledged.push(res.data.submitLead.leadId);
        } catch {
          return; // connection refused or reset: the gateway is gone
        }
      }
    };
    const clients = Array.from({ length: 32 }, client);
    // Enough acknowledged leads that groups are being written when the kill lands: 100, or fewer on
    // a machine slow enough that 20 s pass first.
    let last = 0;
    let lastAt = Date.now();
    const started = Date.now();
    while (acknowledged.length < 100 && !(acknowledged.length >= 10 && Date.now() - started > 20_000)) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (acknowledged.length > last) [last, lastAt] = [acknowledged.length, Date.now()];
      if (Date.now() - lastAt > 30_000) {
        throw new Error(
          `no lead acknowledged for 30 s (${last} so far; answers ${JSON.stringify([...answers])}); the gateway said:\n${first.output().slice(-3000)}`,
        );
      }
    }
    first.child.kill('SIGKILL');
    dead = true;
    await Promise.all(clients);
    // Killed by a signal, a child has a signalCode and no exitCode.
    if (first.child.exitCode === null && first.child.signalCode === null) await new Promise((resolve) => first.child.once('exit', resolve));

    const second = await serveCli(env);
    cleanups.push(() => second.child.kill('SIGKILL'));
    const stored = new Set<string>();
    let after: string | null = null;
    do {
      const { leads }: { leads: { nodes: Array<{ id: string }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
        await gqlOk(
          second.url,
          `query($f: LeadFilter, $after: String) { leads(filter: $f, first: 500, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
          { f: { campaignId: t.campaignId, status: 'ACCEPTED' }, after },
          t.adminKey,
        );
      for (const node of leads.nodes) stored.add(node.id);
      after = leads.pageInfo.hasNextPage ? leads.pageInfo.endCursor : null;
    } while (after);
    const missing = acknowledged.filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    expect(new Set(acknowledged).size).toBe(acknowledged.length);
  }, 120_000);
});
