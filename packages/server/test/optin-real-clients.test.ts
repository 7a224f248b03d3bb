import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { parseWallClock } from '../src/shared/wall-clock.js';
import { DRIVER, gql, gqlOk, startTestGateway } from './helpers.js';
import { lookup, optInTenant, postQueue } from './optin-fixtures.js';

/** The Omeda lookup read as a public client reads it: dates without a zone, parsed as US Central time. */
describe(`Omeda lookup dates as real clients parse them (${DRIVER})`, () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('writes CreatedDate and ChangedDate on US Central time unless the account sets another zone', async () => {
    const t = await optInTenant(gw.url);
    const before = Date.now();
    // As the JavaScript client sends it: DeleteOptOut as 0 or 1, de-duplicated numeric ids.
    expect(
      (
        await postQueue(t, 'optinfilterqueue', {
          DeploymentTypeOptIn: [{ EmailAddress: 'tz@omeda.com', DeploymentTypeId: [4194], DeleteOptOut: 0 }],
        })
      ).status,
    ).toBe(200);
    const after = Date.now();
    const read = async (zone: string) => {
      const { Filters } = (await lookup(t, 'XXG', 'tz@omeda.com')).json() as {
        Filters: Array<{ CreatedDate: string; ChangedDate: string }>;
      };
      return Filters.map((f) => [f.CreatedDate, f.ChangedDate].map((text) => parseWallClock(text, zone)!.getTime()));
    };
    // Read as America/Chicago (the client's dayjs.tz(value, 'America/Chicago')), the dates are when the opt-in was made.
    for (const moment of (await read('America/Chicago')).flat()) {
      expect(moment).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
      expect(moment).toBeLessThanOrEqual(after);
    }
    const { updateAccount } = await gqlOk(
      gw.url,
      `mutation($id: ID!, $i: UpdateAccountInput!) { updateAccount(id: $id, input: $i) { optInTimeZone } }`,
      { id: t.accountId, i: { optInTimeZone: 'UTC' } },
      t.adminKey,
    );
    expect(updateAccount.optInTimeZone).toBe('UTC');
    for (const moment of (await read('UTC')).flat()) {
      expect(moment).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
      expect(moment).toBeLessThanOrEqual(after);
    }
    const bad = await gql(
      gw.url,
      `mutation($id: ID!, $i: UpdateAccountInput!) { updateAccount(id: $id, input: $i) { id } }`,
      { id: t.accountId, i: { optInTimeZone: 'CST' } },
      t.adminKey,
    );
    expect(bad.errors?.[0]).toMatchObject({
      message: 'optInTimeZone must be an IANA time zone such as America/New_York (got "CST")',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
