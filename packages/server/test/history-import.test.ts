import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../src/config.js';
import { runImport } from '../src/import-command.js';
import { startGateway, type RunningGateway } from '../src/main.js';
import { DRIVER, gql, gqlOk, testConfig, uniquePhone } from './helpers.js';
import { createDialerTenant } from './dialer-fixtures.js';
import { lookup, optInTenant, postQueue } from './optin-fixtures.js';

/** DNC numbers and opt-in states brought from another system: the dialer's check_dnc and the Omeda doors see them at once. */
describe(`importing DNC numbers and opt-in states (${DRIVER})`, () => {
  let gw: RunningGateway;
  let config: Config;
  let dir: string;
  beforeAll(async () => {
    config = testConfig();
    gw = await startGateway(config, { demo: false, print: () => undefined });
    dir = mkdtempSync(join(tmpdir(), 'lg-history-'));
  });
  afterAll(async () => {
    await gw.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runImport(args, config, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  };
  const digits = (phone: string) => phone.replace(/\D/g, '');

  it('imports a DNC export with `leadgate import dnc`: every list, reason and purpose kept, check_dnc refuses the numbers', async () => {
    const t = await createDialerTenant(gw.url);
    const [global, purpose, campaign] = [uniquePhone(), uniquePhone(), uniquePhone()].map(digits) as [string, string, string];
    const file = join(dir, 'dnc.csv');
    writeFileSync(
      file,
      [
        'id,phone_number,phone_code,campaign_id,insert_date,reason,purpose',
        `5083,${global},1,0,2026-03-03 10:30:00,ConsentRevoked,`,
        `5084,${purpose},1,-1,2026-03-03 10:31:00,DNC,TELEMKT`,
        `5085,${campaign},1,${t.dialerCampaignId},,,`,
        '5086,555,1,0,,,',
        `5087,${digits(uniquePhone())},44,0,,,`,
        `5088,${digits(uniquePhone())},1,999999,,,`,
      ].join('\n'),
    );
    const res = await run(['dnc', file, '--account', t.accountCode]);
    expect(res.err).toEqual([
      'line 5: "555" is not a possible US phone number',
      'line 6: phone_code 44 is not 1: Leadgate keeps US numbers',
      'line 7: campaign_id 999999 is not a dialer campaign of this account',
    ]);
    expect(res.out.at(-1)).toMatch(/6 rows: 3 imported, 0 already there, 3 rejected/);
    expect((await run(['dnc', file, '--account', t.accountId])).out.at(-1)).toMatch(/6 rows: 0 imported, 3 already there, 3 rejected/);

    const insert = (phone: string, listId = t.listId) =>
      fetch(
        `${gw.url}/v1/leads/insert?${new URLSearchParams({ auth_token: t.adminKey, list_id: listId, phone_number: phone, check_dnc: '1' })}`,
      ).then((r) => r.text());
    const refused = '{"success":false,"code":6102,"text":"The phone number is in the DNC list"}';
    expect(await insert(global)).toBe(refused);
    expect(await insert(purpose)).toBe(refused);
    expect(await insert(campaign)).toBe(refused);
    expect(await insert(campaign, t.otherCampaignListId)).toMatch(/^\{"success":true/);
    const search = (await fetch(`${gw.url}/v1/dnc/search?auth_token=${t.adminKey}&campaign_id=0`).then((r) => r.json())) as {
      data: { entries: Array<Record<string, string>> };
    };
    expect(search.data.entries).toEqual([
      expect.objectContaining({ phone_number: global, insert_date: '2026-03-03 10:30:00', reason: 'ConsentRevoked', purpose: '' }),
    ]);
    expect((await run(['dnc', file, '--account', 'no-such-account'])).code).toBe(1);
  });

  it("imports opt-in states with importOptIns: Omeda's dates read on its clock, a newer live change kept, nothing twice", async () => {
    const t = await optInTenant(gw.url);
    const tag = `${process.pid}.${Date.now()}`;
    const [a, b, c] = ['a', 'b', 'c'].map((x) => `${x}.${tag}@omeda.com`) as [string, string, string];
    // An Omeda lookup export as JSON lines: its own key names, dates on US Central time.
    const content = [
      {
        EmailAddress: a,
        DeploymentTypeId: 4194,
        Status: 'OUT',
        Source: 'Old ESP',
        CreatedDate: '2025-01-15 12:05:09',
        ChangedDate: '2025-06-01 08:00:00',
      },
      { EmailAddress: b, DeploymentTypeId: 4804, Status: 'IN', CreatedDate: '2025-02-01 09:00:00', ChangedDate: '2025-02-01 09:00:00' },
      { EmailAddress: c, DeploymentTypeId: 424242, Status: 'IN' },
      { EmailAddress: 'not-an-email', DeploymentTypeId: 4194, Status: 'IN' },
      { EmailAddress: c, DeploymentTypeId: 4194, Status: 'maybe' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const mutation = `mutation($i: ImportFileInput!) { importOptIns(input: $i) { rows imported existing rejected rejections { line reason } } }`;
    const { importOptIns } = await gqlOk(gw.url, mutation, { i: { format: 'JSONL', content } }, t.adminKey);
    expect(importOptIns).toEqual({
      rows: 5,
      imported: 2,
      existing: 0,
      rejected: 3,
      rejections: [
        { line: 3, reason: "deployment type 424242 is not one of this account's" },
        { line: 4, reason: '"not-an-email" is not an email address' },
        { line: 5, reason: 'status "maybe" is neither IN nor OUT' },
      ],
    });
    expect((await gqlOk(gw.url, mutation, { i: { format: 'JSONL', content } }, t.adminKey)).importOptIns).toMatchObject({
      imported: 0,
      existing: 2,
    });
    // The Omeda lookup shows the dates as they came, on its clock.
    const found = (await lookup(t, 'XXG', a)).json() as { Filters: Array<Record<string, unknown>> };
    expect(found.Filters).toEqual([
      {
        Source: 'Old ESP',
        DeploymentTypeId: 4194,
        Status: 'OUT',
        Brand: 'XXG',
        CreatedDate: '2025-01-15 12:05:09',
        ChangedDate: '2025-06-01 08:00:00',
      },
    ]);
    // The imported opt-out holds: a live opt-in without DeleteOptOut is skipped with Omeda's message.
    const live = await postQueue(t, 'optinfilterqueue', { DeploymentTypeOptIn: [{ EmailAddress: a, DeploymentTypeId: [4194] }] });
    expect(live.json().Messages?.[0]?.Message).toMatch(/already has an OptOut/);
    // A live change newer than the imported state is kept when the file is imported again.
    await postQueue(t, 'optoutfilterqueue', { DeploymentTypeOptOut: [{ EmailAddress: b, DeploymentTypeId: [4804] }] });
    expect((await gqlOk(gw.url, mutation, { i: { format: 'JSONL', content } }, t.adminKey)).importOptIns).toMatchObject({
      imported: 0,
      existing: 2,
    });
    expect(((await lookup(t, 'XXG', b)).json() as { Filters: Array<{ Status: string }> }).Filters[0]!.Status).toBe('OUT');
    const refused = await gql(gw.url, mutation, { i: { format: 'JSONL', content } }, t.readerKey);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
