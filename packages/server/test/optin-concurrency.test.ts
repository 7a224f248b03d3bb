import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { DRIVER, gqlOk, startTestGateway } from './helpers.js';
import { CLIENT_TYPES, HISTORY_QUERY, optInTenant, postQueue, statuses } from './optin-fixtures.js';

type Kind = 'out' | 'in-delete' | 'in-keep';

interface Change {
  seq: string;
  deploymentTypeId: number;
  previousStatus: 'IN' | 'OUT' | null;
  status: 'IN' | 'OUT';
  submissionId: string;
}

describe(`opt-in ledger under concurrency (${DRIVER})`, () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('50 concurrent opt-ins and opt-outs of one email leave a consistent ledger and a complete history', async () => {
    const t = await optInTenant(gw.url);
    const email = 'race@example.com';
    const kinds: Kind[] = Array.from({ length: 50 }, (_, i) => (i % 3 === 0 ? 'out' : i % 3 === 1 ? 'in-delete' : 'in-keep'));
    // Every fifth request goes through GraphQL (at brand level, naming the app id's brands, so
    // both doors reach the same deployment types): one service serializes both doors.
    const brands = ['XXG', 'XXH', 'XXL', 'XXM'];
    const replies = await Promise.all(
      kinds.map(async (kind, i): Promise<{ kind: Kind; id: string }> => {
        if (i % 5 === 4) {
          const mutation =
            kind === 'out'
              ? `mutation($e: String!, $b: [String!]!) { optOut(input: { brandOptOuts: [{ email: $e, brands: $b }] }) { id } }`
              : `mutation($e: String!, $b: [String!]!, $d: Boolean) { optIn(input: { brandOptIns: [{ email: $e, brands: $b, deleteOptOut: $d }] }) { id } }`;
          const data = await gqlOk(
            t.url,
            mutation,
            { e: email.toUpperCase(), b: brands, ...(kind === 'out' ? {} : { d: kind === 'in-delete' }) },
            t.adminKey,
          );
          return { kind, id: (data.optOut ?? data.optIn).id };
        }
        const res =
          kind === 'out'
            ? await postQueue(t, 'optoutfilterqueue', { ClientOptOut: [{ EmailAddress: email }] })
            : await postQueue(t, 'optinfilterqueue', {
                ClientOptIn: [{ EmailAddress: email, DeleteOptOut: kind === 'in-delete' ? 1 : 0 }],
              });
        expect(res.status).toBe(200);
        return { kind, id: res.json().Submission ?? res.json().SubmissionId };
      }),
    );

    const history = (await gqlOk(t.url, HISTORY_QUERY, { email, last: 5000 }, t.adminKey)).optInHistory as Change[];
    const submissions = new Map<string, { changeCount: number; messages: string[] }>();
    for (const { id } of replies) {
      const { optInSubmission } = await gqlOk(
        t.url,
        `query($id: ID!) { optInSubmission(id: $id) { outcome changeCount messages } }`,
        { id },
        t.adminKey,
      );
      expect(optInSubmission.outcome).toBe('ACCEPTED');
      submissions.set(id, optInSubmission);
    }
    // Complete: every write a submission reports is in the history, and nothing else is.
    expect(history).toHaveLength([...submissions.values()].reduce((sum, s) => sum + s.changeCount, 0));
    expect(new Set(history.map((c) => c.submissionId))).toEqual(
      new Set(replies.filter((r) => submissions.get(r.id)!.changeCount > 0).map((r) => r.id)),
    );

    // Consistent: per deployment type, each change starts from the status the one before left,
    // and the current status is the last change's.
    const current = await statuses(t, email);
    expect(
      Object.keys(current)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(CLIENT_TYPES);
    for (const typeId of CLIENT_TYPES) {
      const chain = history.filter((c) => c.deploymentTypeId === typeId);
      chain.forEach((change, i) => expect(change.previousStatus).toBe(i === 0 ? null : chain[i - 1]!.status));
      expect(current[typeId]).toBe(chain.at(-1)!.status);
    }

    // Serial: replaying the submissions in the order they held the lock gives what each reported.
    const order = [...new Set(history.map((c) => c.submissionId))];
    const skipped = replies.filter((r) => submissions.get(r.id)!.changeCount === 0);
    expect(skipped.every((r) => r.kind === 'in-keep')).toBe(true);
    let state: 'IN' | 'OUT' | null = null;
    for (const id of order) {
      const { kind } = replies.find((r) => r.id === id)!;
      const writes = history.filter((c) => c.submissionId === id);
      expect(writes).toHaveLength(CLIENT_TYPES.length);
      expect(writes.every((c) => c.previousStatus === state)).toBe(true);
      if (kind === 'in-keep') expect(state).not.toBe('OUT');
      state = kind === 'out' ? 'OUT' : 'IN';
    }
    for (const r of skipped) expect(submissions.get(r.id)!.messages).toHaveLength(CLIENT_TYPES.length);
  });
});
