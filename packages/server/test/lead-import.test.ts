import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../src/config.js';
import { runImport } from '../src/import-command.js';
import { startGateway, type RunningGateway } from '../src/main.js';
import { createTenant, DRIVER, gql, gqlOk, SUBMIT, testConfig, uniquePhone, type Tenant } from './helpers.js';

/** Past leads brought in with `leadgate import leads` and importLeads: they count toward duplicates, caps and the leads list. */
describe(`importing past leads (${DRIVER})`, () => {
  let gw: RunningGateway;
  let config: Config;
  let dir: string;
  beforeAll(async () => {
    config = testConfig();
    gw = await startGateway(config, { demo: false, print: () => undefined });
    dir = mkdtempSync(join(tmpdir(), 'lg-leads-'));
  });
  afterAll(async () => {
    await gw.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
  const run = async (args: string[], progress = false) => {
    const out: string[] = [];
    const err: string[] = [];
    const bars: string[] = [];
    const code = await runImport(args, config, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      ...(progress ? { progress: (l: string) => bars.push(l) } : {}),
    });
    return { code, out, err, bars };
  };
  const submit = async (t: Tenant, lead: Record<string, unknown>) =>
    (await gqlOk(gw.url, SUBMIT, { input: { campaignId: t.campaignId, ...lead } }, t.sourceKey)).submitLead;

  it('imports a CSV export with its own column names, reports rejected rows by line, and imports nothing twice', async () => {
    const t = await createTenant(gw.url, { requiredFields: ['first', 'phone'], caps: { daily: 1000 } });
    const tag = `${process.pid}.${Date.now()}`;
    const email = (n: number) => `past${n}.${tag}@example.com`;
    const phones = [uniquePhone(), uniquePhone(), uniquePhone(), uniquePhone(), uniquePhone()];
    const lines = [
      'Lead ID,Created,First Name,Last Name,E-mail,Phone,Zip Code,State,Status,Payout,vehicle_year,Notes (internal)',
      `A-1,${hoursAgo(30).toISOString()},Ada,Lovelace,${email(1)},${phones[0]},90012,ca,accepted,12.50,2019,vip`,
      `A-2,${hoursAgo(29).toISOString()},Grace,Hopper,${email(2)},${phones[1]},90012,CA,sold,20,2015,`,
      `A-3,${hoursAgo(28).toISOString()},Alan,Turing,${email(3)},${phones[2]},90012,CA,rejected,,2010,`,
      `A-4,not a date,Bad,Date,${email(4)},${phones[3]},90012,CA,accepted,1,2010,`,
      `A-5,${hoursAgo(27).toISOString()},Bad,Status,${email(5)},${phones[3]},90012,CA,maybe,1,2010,`,
      `A-6,${hoursAgo(26).toISOString()},Too,Few`,
      `"A-7",${hoursAgo(25).toISOString()},"Quoted, Name",X,${email(7)},${phones[4]},90012,CA,accepted,$9.99,2020,"multi`,
      `line note"`,
    ];
    const file = join(dir, 'export.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const rejects = join(dir, 'rejects.csv');
    const first = await run(
      [
        'leads',
        file,
        '--campaign',
        t.campaignId,
        '--source',
        t.sourceId,
        '--map',
        'key=Lead ID,email=E-mail,price=Payout',
        '--rejects',
        rejects,
      ],
      true,
    );
    expect(first.code).toBe(0);
    expect(first.err).toEqual([
      expect.stringMatching(/^line 5: receivedAt "not a date" is not a date and time/),
      'line 6: status "maybe" is none of accepted, sold, pending, rejected, test',
      'line 7: 4 values for 12 columns',
    ]);
    expect(first.out).toEqual([
      'Ignored columns: Notes (internal) (map them with --map field=column).',
      expect.stringMatching(/^.*export\.csv: 7 rows: 4 imported, 0 already there, 3 rejected \([\d,]+ rows\/s\)\.$/),
    ]);
    expect(first.bars.at(-1)).toBe('');
    expect(first.bars.some((b) => /^Importing .*export\.csv: 7 rows: 4 imported/.test(b))).toBe(true);
    expect(readFileSync(rejects, 'utf8')).toBe(
      `line,reason\n${first.err.map((l) => l.replace(/^line (\d+): (.*)$/, (_, n, r) => `${n},${JSON.stringify(r)}`)).join('\n')}\n`,
    );

    const { leads } = await gqlOk(
      gw.url,
      `query($c: ID!) { leads(filter: { campaignId: $c }, first: 10) { nodes { id status door first email price receivedAt extra sourceId state } } }`,
      { c: t.campaignId },
      t.adminKey,
    );
    const byFirst = Object.fromEntries(leads.nodes.map((l: { first: string }) => [l.first, l]));
    expect(byFirst.Ada).toMatchObject({
      status: 'ACCEPTED',
      door: 'IMPORT',
      email: email(1),
      price: 12.5,
      state: 'CA',
      sourceId: t.sourceId,
      extra: { vehicle_year: '2019' },
    });
    expect(new Date(byFirst.Ada.receivedAt).getTime()).toBe(Date.parse(lines[1]!.split(',')[1]!));
    expect(byFirst.Grace).toMatchObject({ status: 'SOLD', price: 20 });
    expect(byFirst['Quoted, Name']).toMatchObject({ price: 9.99, extra: { vehicle_year: '2020' } });

    // The dashboards' counters count them, as they count live leads.
    const { leadStats } = await gqlOk(
      gw.url,
      `query($c: ID!) { leadStats(filter: { campaignId: $c }) { total accepted sold rejected revenueCents } }`,
      { c: t.campaignId },
      t.adminKey,
    );
    expect(leadStats).toEqual({ total: 4, accepted: 3, sold: 1, rejected: 1, revenueCents: 1250 + 2000 + 999 });

    // A duplicate of an imported accepted lead is refused; a rejected one's email is free.
    expect(await submit(t, { first: 'Ada', phone: uniquePhone(), email: email(1) })).toMatchObject({
      status: 'REJECTED',
      message: 'Duplicate email',
    });
    expect(await submit(t, { first: 'Ada', phone: phones[1] })).toMatchObject({ status: 'REJECTED', message: 'Duplicate phone' });
    expect(await submit(t, { first: 'Alan', phone: phones[2], email: email(3) })).toMatchObject({ status: 'ACCEPTED' });

    // Again: nothing twice.
    const again = await run([
      'leads',
      file,
      '--campaign',
      t.campaignId,
      '--source',
      t.sourceId,
      '--map',
      'key=Lead ID,email=E-mail,price=Payout',
    ]);
    expect(again.out.at(-1)).toMatch(/7 rows: 0 imported, 4 already there, 3 rejected/);
    const { leads: after } = await gqlOk(
      gw.url,
      `query($c: ID!) { leads(filter: { campaignId: $c }, first: 50) { totalCount } }`,
      { c: t.campaignId },
      t.adminKey,
    );
    expect(after.totalCount).toBe(leads.nodes.length + 3);
  });

  it('counts imported leads toward caps, and attributes rows without a source to "Imported history"', async () => {
    const t = await createTenant(gw.url, { requiredFields: ['phone'], caps: { daily: 2 } });
    const file = join(dir, 'today.jsonl');
    // JSON lines, as another export writes them: one object per line, dates on the campaign's clock.
    const wall = (d: Date) => d.toLocaleString('sv-SE', { timeZone: 'America/Los_Angeles' });
    const now = new Date();
    writeFileSync(
      file,
      [
        JSON.stringify({ phone_number: uniquePhone(), created_at: wall(now), campaign_id: t.campaignId }),
        '{not json',
        JSON.stringify({ phone_number: uniquePhone(), created_at: wall(now) }),
        '[1,2]',
        JSON.stringify({ phone_number: uniquePhone(), created_at: wall(now), status: 'test' }),
      ].join('\n'),
    );
    const res = await run(['leads', file, '--campaign', t.campaignId]);
    expect(res.err).toEqual(['line 2: not valid JSON', 'line 4: not a JSON object']);
    expect(res.out.at(-1)).toMatch(/5 rows: 3 imported, 0 already there, 2 rejected/);
    // The cap of 2 a day is full with the two accepted imported leads (the test lead counts toward nothing).
    expect(await submit(t, { phone: uniquePhone() })).toMatchObject({ status: 'REJECTED', message: 'Campaign cap' });
    const { sources } = await gqlOk(gw.url, `{ sources { id name } }`, {}, t.adminKey);
    expect(sources.map((s: { name: string }) => s.name)).toContain('Imported history');
    const bad = await run(['leads', file, '--campaign', 'nope']);
    expect(bad).toMatchObject({ code: 1, err: ['leadgate import: refused: Campaign not found'] });
    expect((await run(['leads', file])).code).toBe(2);
    expect((await run(['leads', join(dir, 'x.txt'), '--campaign', t.campaignId])).err[0]).toMatch(/--format csv or --format jsonl/);
  });

  it('imports a small file through GraphQL (importLeads), ADMIN keys only', async () => {
    const t = await createTenant(gw.url, { requiredFields: ['phone'] });
    const email = `gql.${process.pid}.${Date.now()}@example.com`;
    const content = `id,phone,mail,date\nG1,${uniquePhone()},${email},${hoursAgo(2).toISOString()}\nG2,${uniquePhone()},x@,${hoursAgo(1).toISOString()}\n`;
    const mutation = `mutation($i: ImportLeadsInput!) { importLeads(input: $i) { rows imported existing rejected rejections { line reason } ignoredColumns } }`;
    const input = {
      campaignId: t.campaignId,
      format: 'CSV',
      content,
      mapping: [
        { field: 'email', column: 'mail' },
        { field: 'receivedAt', column: 'date' },
      ],
    };
    const { importLeads } = await gqlOk(gw.url, mutation, { i: input }, t.adminKey);
    expect(importLeads).toEqual({ rows: 2, imported: 2, existing: 0, rejected: 0, rejections: [], ignoredColumns: [] });
    expect((await gqlOk(gw.url, mutation, { i: input }, t.adminKey)).importLeads).toMatchObject({ imported: 0, existing: 2 });
    expect(await submit(t, { phone: uniquePhone(), email })).toMatchObject({ message: 'Duplicate email' });
    const refused = await gql(gw.url, mutation, { i: input }, t.sourceKey);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unmapped = await gql(gw.url, mutation, { i: { ...input, mapping: [{ field: 'email', column: 'nope' }] } }, t.adminKey);
    expect(unmapped.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(unmapped.errors?.[0]?.message).toMatch(/^The mapping names column "nope", which the file does not have/);
  });
});
