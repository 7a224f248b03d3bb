import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { DRIVER, gql, gqlOk, PLATFORM_KEY, uniquePhone } from './helpers.js';
import { createDialerTenant, startClockedGateway, TestClock, type DialerTenant } from './dialer-fixtures.js';

const INSERT = `mutation($i: InsertDialerLeadInput!, $k: String) { insertDialerLead(input: $i, idempotencyKey: $k) {
  success outcome code text dialerLeadId leadId reasonCode hopperEntryId } }`;
const HOPPER = `query($l: ID!, $first: Int) { hopper(listId: $l, first: $first) { id dialerLeadId priority status insertedAt expiresAt dialerLead { phone lead { first } } } }`;

describe(`dialer over GraphQL: campaigns, lists, inserts, hopper and DNC (${DRIVER})`, () => {
  let gw: RunningGateway;
  const clock = new TestClock();
  beforeAll(async () => {
    gw = await startClockedGateway(clock);
  });
  afterAll(() => gw.close());

  const insert = async (t: DialerTenant, input: Record<string, unknown>, key = t.adminKey) =>
    (await gqlOk(gw.url, INSERT, { i: { listId: t.listId, phoneNumber: uniquePhone(), ...input } }, key)).insertDialerLead;

  it("explains an insert stage by stage, the dialer's DNC and duplicate checks included, and stores nothing", async () => {
    const t = await createDialerTenant(gw.url);
    const EXPLAIN = `query($i: InsertDialerLeadInput!) { explainDialerInsert(input: $i) { decision { status reasonCode leadId } stages { stage outcome reasonCode } } }`;
    const phone = uniquePhone();
    const first = await gqlOk(
      gw.url,
      EXPLAIN,
      { i: { listId: t.listId, phoneNumber: phone, checkDnc: true, checkDup: 'LIST' } },
      t.adminKey,
    );
    expect(first.explainDialerInsert.decision).toEqual({ status: 'ACCEPTED', reasonCode: null, leadId: null });
    expect(first.explainDialerInsert.stages.slice(-2)).toEqual([
      { stage: 'dialer-dnc', outcome: 'PASS', reasonCode: null },
      { stage: 'dialer-duplicates', outcome: 'PASS', reasonCode: null },
    ]);
    await gqlOk(gw.url, `mutation($i: DncNumberInput!) { addDncNumber(input: $i) { id } }`, { i: { phone } }, t.adminKey);
    await insert(t, { phoneNumber: phone });
    // Now on DNC and in the list: every stage is explained, each with its own outcome.
    const second = await gqlOk(
      gw.url,
      EXPLAIN,
      { i: { listId: t.listId, phoneNumber: phone, checkDnc: true, checkDup: 'LIST' } },
      t.adminKey,
    );
    expect(second.explainDialerInsert.decision).toMatchObject({ status: 'REJECTED', reasonCode: 'PHONE_DNC' });
    expect(second.explainDialerInsert.stages.slice(-2)).toEqual([
      { stage: 'dialer-dnc', outcome: 'REJECT', reasonCode: 'PHONE_DNC' },
      { stage: 'dialer-duplicates', outcome: 'REJECT', reasonCode: 'DUPLICATE_PHONE' },
    ]);
    const { dialerLeads } = await gqlOk(gw.url, `query($l: ID!) { dialerLeads(listId: $l) { id } }`, { l: t.listId }, t.adminKey);
    expect(dialerLeads).toHaveLength(1);
  });

  it('manages dialer campaigns and lists with ADMIN keys; READER keys read; others see nothing', async () => {
    const t = await createDialerTenant(gw.url);
    const { dialerCampaign } = await gqlOk(
      gw.url,
      `query($id: ID!) { dialerCampaign(id: $id) { id name accountId campaignId apiSourceId lists { id name archived leadCount } } }`,
      { id: t.dialerCampaignId },
      t.readerKey,
    );
    expect(dialerCampaign).toMatchObject({
      id: t.dialerCampaignId,
      name: 'Outbound',
      accountId: t.accountId,
      campaignId: t.dialerIntakeCampaignId,
      lists: [
        { id: t.listId, name: 'Fresh', archived: false, leadCount: 0 },
        { id: t.siblingListId, name: 'Aged', archived: false, leadCount: 0 },
      ],
    });
    expect(t.listId).toMatch(/^\d+$/);
    const { campaign } = await gqlOk(
      gw.url,
      `query($id: ID!) { campaign(id: $id) { name category requiredFields duplicates { keys } } }`,
      { id: t.dialerIntakeCampaignId },
      t.adminKey,
    );
    expect(campaign).toEqual({ name: 'Outbound', category: 'Dialer', requiredFields: ['phone'], duplicates: { keys: [] } });

    await gqlOk(
      gw.url,
      `mutation($id: ID!) { updateDialerList(id: $id, input: { name: "Fresh leads" }) { id } }`,
      { id: t.listId },
      t.adminKey,
    );
    await gqlOk(
      gw.url,
      `mutation($id: ID!) { updateDialerCampaign(id: $id, input: { name: "Outbound Q4" }) { id } }`,
      { id: t.dialerCampaignId },
      t.adminKey,
    );
    await insert(t, {});
    const archived = await gqlOk(
      gw.url,
      `mutation($id: ID!) { archiveList(id: $id) { archived archivedAt } }`,
      { id: t.siblingListId },
      t.adminKey,
    );
    expect(archived.archiveList).toEqual({ archived: true, archivedAt: clock.now().toISOString() });
    const lists = await gqlOk(
      gw.url,
      `query($d: ID) { dialerLists(dialerCampaignId: $d) { name leadCount } }`,
      { d: t.dialerCampaignId },
      t.readerKey,
    );
    expect(lists.dialerLists).toEqual([{ name: 'Fresh leads', leadCount: 1 }]);
    const all = await gqlOk(gw.url, `query { dialerLists(includeArchived: true) { id } }`, {}, t.adminKey);
    expect(all.dialerLists.map((l: { id: string }) => l.id)).toEqual([t.listId, t.siblingListId, t.otherCampaignListId]);
    expect((await gqlOk(gw.url, `query { dialerCampaigns { name } }`, {}, t.adminKey)).dialerCampaigns).toEqual([
      { name: 'Outbound Q4' },
      { name: 'Retention' },
    ]);

    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      [
        `mutation($i: CreateDialerListInput!) { createDialerList(input: $i) { id } }`,
        { i: { dialerCampaignId: t.dialerCampaignId, name: 'x' } },
        t.readerKey,
        'FORBIDDEN',
      ],
      [`query { dialerCampaigns { id } }`, {}, t.sourceKey, 'FORBIDDEN'],
      [`query($id: ID!) { dialerList(id: $id) { id } }`, { id: t.listId }, (await createDialerTenant(gw.url)).adminKey, 'NOT_FOUND'],
      [`query($id: ID!) { dialerList(id: $id) { id } }`, { id: 'nope' }, t.adminKey, 'NOT_FOUND'],
      [`mutation($id: ID!) { deleteDialerList(id: $id) }`, { id: t.listId }, t.adminKey, 'CONFLICT'],
      [`mutation($id: ID!) { deleteDialerCampaign(id: $id) }`, { id: t.dialerCampaignId }, t.adminKey, 'CONFLICT'],
      [`mutation { createDialerCampaign(input: { name: "  " }) { id } }`, {}, t.adminKey, 'BAD_USER_INPUT'],
      [`mutation { createDialerCampaign(input: { name: "x" }) { id } }`, {}, PLATFORM_KEY, 'BAD_USER_INPUT'],
    ];
    for (const [query, variables, key, code] of cases) {
      const res = await gql(gw.url, query, variables, key);
      expect({ query, code: res.errors?.[0]?.extensions?.code }).toEqual({ query, code });
    }
    const { createDialerList } = await gqlOk(
      gw.url,
      `mutation($i: CreateDialerListInput!) { createDialerList(input: $i) { id } }`,
      { i: { dialerCampaignId: t.otherDialerCampaignId, name: 'Empty' } },
      t.adminKey,
    );
    expect(
      (await gqlOk(gw.url, `mutation($id: ID!) { deleteDialerList(id: $id) }`, { id: createDialerList.id }, t.adminKey)).deleteDialerList,
    ).toBe(createDialerList.id);
  });

  it('creates a dialer campaign over an existing intake campaign, whose rules then apply', async () => {
    const t = await createDialerTenant(gw.url);
    const { createDialerCampaign } = await gqlOk(
      gw.url,
      `mutation($i: CreateDialerCampaignInput!) { createDialerCampaign(input: $i) { id campaignId } }`,
      {
        i: { name: 'Shared', campaignId: t.campaignId },
      },
      t.adminKey,
    );
    expect(createDialerCampaign.campaignId).toBe(t.campaignId);
    const { createDialerList } = await gqlOk(
      gw.url,
      `mutation($i: CreateDialerListInput!) { createDialerList(input: $i) { id } }`,
      { i: { dialerCampaignId: createDialerCampaign.id, name: 'L' } },
      t.adminKey,
    );
    // createTenant's campaign requires first, last and phone.
    const missing = await insert({ ...t, listId: createDialerList.id }, {});
    expect(missing).toMatchObject({
      success: false,
      outcome: 'REJECTED',
      code: 6023,
      text: 'Required fields are missed',
      reasonCode: 'MISSING_FIELDS',
    });
    const ok = await insert({ ...t, listId: createDialerList.id }, { firstName: 'Ada', lastName: 'L' });
    expect(ok).toMatchObject({ success: true, outcome: 'INSERTED', code: null, text: '' });
    const { lead } = await gqlOk(gw.url, `query($id: ID!) { lead(id: $id) { campaignId price door } }`, { id: ok.leadId }, t.adminKey);
    expect(lead).toEqual({ campaignId: t.campaignId, price: 12.5, door: 'DIALER' });
  });

  it("inserts with the door's options and reports outcomes as data", async () => {
    const t = await createDialerTenant(gw.url);
    const phone = uniquePhone();
    const first = await insert(t, { phoneNumber: phone, firstName: 'Ada', customFields: { plan: 'gold', age: 41 } });
    expect(first).toMatchObject({
      success: true,
      outcome: 'INSERTED',
      dialerLeadId: expect.stringMatching(/^\d+$/),
      leadId: expect.stringMatching(/^lead_/),
    });
    const dup = await insert(t, { phoneNumber: phone, checkDup: 'LIST' });
    expect(dup).toMatchObject({
      success: false,
      outcome: 'REJECTED',
      code: 6009,
      text: 'The phone number already exists',
      reasonCode: 'DUPLICATE_PHONE',
      dialerLeadId: null,
    });
    const updated = await insert(t, { phoneNumber: phone, updateIfFound: true, lastName: 'Lovelace' });
    expect(updated).toMatchObject({ success: true, outcome: 'UPDATED', dialerLeadId: first.dialerLeadId, leadId: first.leadId });
    const LEAD = `query($id: ID!) { dialerLead(id: $id) { lead { first last extra } } }`;
    const { dialerLead } = await gqlOk(gw.url, LEAD, { id: first.dialerLeadId }, t.adminKey);
    expect(dialerLead.lead).toEqual({ first: 'Ada', last: 'Lovelace', extra: { plan: 'gold', age: '41' } });
    // READER keys see who a lead is masked.
    expect((await gqlOk(gw.url, LEAD, { id: first.dialerLeadId }, t.readerKey)).dialerLead.lead).toEqual({
      first: 'A•••',
      last: 'L•••',
      extra: { plan: 'gold', age: '41' },
    });

    const errors: Array<[Record<string, unknown>, string, string]> = [
      [{ listId: '123456789' }, t.adminKey, 'NOT_FOUND'],
      [{ hopper: true, hopperPriority: -1 }, t.adminKey, 'BAD_USER_INPUT'],
      [{ customFields: { nested: { a: 1 } } }, t.adminKey, 'BAD_USER_INPUT'],
      [{}, t.readerKey, 'FORBIDDEN'],
    ];
    for (const [input, k, code] of errors) {
      const res = await gql(gw.url, INSERT, { i: { listId: t.listId, phoneNumber: uniquePhone(), ...input } }, k);
      expect({ input, code: res.errors?.[0]?.extensions?.code }).toEqual({ input, code });
    }
  });

  it('replays an insert made with the same idempotency key instead of inserting again', async () => {
    const t = await createDialerTenant(gw.url);
    const input = { listId: t.listId, phoneNumber: uniquePhone(), firstName: 'Ada' };
    const first = (await gqlOk(gw.url, INSERT, { i: input, k: `k-${input.phoneNumber.replace(/\D/g, '')}` }, t.adminKey)).insertDialerLead;
    const again = (await gqlOk(gw.url, INSERT, { i: input, k: `k-${input.phoneNumber.replace(/\D/g, '')}` }, t.adminKey)).insertDialerLead;
    expect(again).toEqual(first);
    const { dialerLeads } = await gqlOk(gw.url, `query($l: ID!) { dialerLeads(listId: $l) { id } }`, { l: t.listId }, t.adminKey);
    expect(dialerLeads).toEqual([{ id: first.dialerLeadId }]);
  });

  describe('hopper', () => {
    it('orders by priority, then age; expired entries leave on their own and are recorded as expired', async () => {
      const t = await createDialerTenant(gw.url);
      const low = await insert(t, { hopper: true, hopperPriority: 10, firstName: 'low' });
      clock.advanceMinutes(1);
      const top = await insert(t, { hopper: true, firstName: 'top' });
      clock.advanceMinutes(1);
      const lowLater = await insert(t, { hopper: true, hopperPriority: 10, hopperExpiresIn: 30, firstName: 'lowLater' });
      clock.advanceMinutes(1);
      const soon = await insert(t, { hopper: true, hopperPriority: 50, hopperExpiresIn: 5, firstName: 'soon' });
      await insert(t, { firstName: 'not queued' });
      await insert({ ...t, listId: t.siblingListId }, { hopper: true, firstName: 'other list' });

      // ADMIN: READER keys read the hopper too, with names masked.
      const order = async () => (await gqlOk(gw.url, HOPPER, { l: t.listId }, t.adminKey)).hopper.map((e: any) => e.dialerLead.lead.first);
      expect(await order()).toEqual(['top', 'soon', 'low', 'lowLater']);
      const page = async (first: number, offset: number) =>
        (
          await gqlOk(
            gw.url,
            `query($l: ID!, $first: Int!, $offset: Int!) { hopper(listId: $l, first: $first, offset: $offset) { dialerLead { lead { first } } } }`,
            { l: t.listId, first, offset },
            t.adminKey,
          )
        ).hopper.map((e: any) => e.dialerLead.lead.first);
      expect([await page(2, 0), await page(2, 2), await page(2, 4)]).toEqual([['top', 'soon'], ['low', 'lowLater'], []]);
      const { hopper } = await gqlOk(gw.url, HOPPER, { l: t.listId, first: 1 }, t.adminKey);
      expect(hopper).toEqual([
        {
          id: top.hopperEntryId,
          dialerLeadId: top.dialerLeadId,
          priority: 99,
          status: 'WAITING',
          insertedAt: expect.any(String),
          expiresAt: null,
          dialerLead: { phone: expect.stringMatching(/^\+1\d{10}$/), lead: { first: 'top' } },
        },
      ]);

      clock.advanceMinutes(5);
      expect(await order()).toEqual(['top', 'low', 'lowLater']);
      const { hopperEntry } = await gqlOk(
        gw.url,
        `query($id: ID!) { hopperEntry(id: $id) { status expiresAt leftAt } }`,
        { id: soon.hopperEntryId },
        t.adminKey,
      );
      expect(hopperEntry.status).toBe('EXPIRED');
      expect(hopperEntry.leftAt).toBe(hopperEntry.expiresAt);
      clock.advanceMinutes(30);
      expect(await order()).toEqual(['top', 'low']);
      const expired = await gqlOk(
        gw.url,
        `query($l: ID!) { hopperEntries(listId: $l, status: EXPIRED) { id } }`,
        { l: t.listId },
        t.adminKey,
      );
      expect(expired.hopperEntries.map((e: { id: string }) => e.id).sort()).toEqual([soon.hopperEntryId, lowLater.hopperEntryId].sort());

      const removed = await gqlOk(
        gw.url,
        `mutation($id: ID!) { removeFromHopper(id: $id) { status leftAt } }`,
        { id: low.hopperEntryId },
        t.adminKey,
      );
      expect(removed.removeFromHopper).toEqual({ status: 'REMOVED', leftAt: clock.now().toISOString() });
      expect(await order()).toEqual(['top']);
      // Removing what already left changes nothing.
      const again = await gqlOk(
        gw.url,
        `mutation($id: ID!) { removeFromHopper(id: $id) { status } }`,
        { id: soon.hopperEntryId },
        t.adminKey,
      );
      expect(again.removeFromHopper.status).toBe('EXPIRED');
      const denied = await gql(
        gw.url,
        `mutation($id: ID!) { removeFromHopper(id: $id) { status } }`,
        { id: top.hopperEntryId },
        t.readerKey,
      );
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const all = await gqlOk(gw.url, `query($l: ID!) { hopperEntries(listId: $l) { status } }`, { l: t.listId }, t.adminKey);
      expect(all.hopperEntries.map((e: { status: string }) => e.status).sort()).toEqual(['EXPIRED', 'EXPIRED', 'REMOVED', 'WAITING']);
    });

    it('keeps one waiting entry per lead: an update with hopper=1 re-prioritizes it', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      const first = await insert(t, { phoneNumber: phone, hopper: true, hopperPriority: 1 });
      const again = await insert(t, { phoneNumber: phone, updateIfFound: true, hopper: true, hopperPriority: 70 });
      expect(again).toMatchObject({ outcome: 'UPDATED', hopperEntryId: first.hopperEntryId });
      const { hopper } = await gqlOk(gw.url, HOPPER, { l: t.listId }, t.adminKey);
      expect(hopper.map((e: { id: string; priority: number }) => [e.id, e.priority])).toEqual([[first.hopperEntryId, 70]]);
    });
  });

  describe('DNC', () => {
    it('adds, checks and removes numbers account-wide and per dialer campaign', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      const add = `mutation($i: DncNumberInput!) { addDncNumber(input: $i) { id phone dialerCampaignId note } }`;
      const check = `query($i: DncNumberInput!) { checkDnc(input: $i) { phone listed entries { dialerCampaignId } } }`;
      const global = (await gqlOk(gw.url, add, { i: { phone, note: 'asked by phone' } }, t.adminKey)).addDncNumber;
      expect(global).toMatchObject({ phone: `+1${phone.replace(/\D/g, '')}`, dialerCampaignId: null, note: 'asked by phone' });
      expect((await gqlOk(gw.url, add, { i: { phone: phone.replace(/\D/g, '') } }, t.adminKey)).addDncNumber.id).toBe(global.id);
      const other = uniquePhone();
      await gqlOk(gw.url, add, { i: { phone: other, dialerCampaignId: t.dialerCampaignId } }, t.adminKey);
      expect((await gqlOk(gw.url, check, { i: { phone: other } }, t.readerKey)).checkDnc).toMatchObject({ listed: false, entries: [] });
      expect(
        (await gqlOk(gw.url, check, { i: { phone: other, dialerCampaignId: t.dialerCampaignId } }, t.readerKey)).checkDnc,
      ).toMatchObject({ listed: true, entries: [{ dialerCampaignId: t.dialerCampaignId }] });
      expect((await gqlOk(gw.url, check, { i: { phone, dialerCampaignId: t.dialerCampaignId } }, t.readerKey)).checkDnc.listed).toBe(true);
      const rejected = await insert(t, { phoneNumber: other, checkDnc: true });
      expect(rejected).toMatchObject({ success: false, code: 6102, reasonCode: 'PHONE_DNC' });
      const { dncNumbers } = await gqlOk(
        gw.url,
        `query($d: ID) { dncNumbers(dialerCampaignId: $d) { phone } }`,
        { d: t.dialerCampaignId },
        t.adminKey,
      );
      expect(dncNumbers).toEqual([{ phone: `+1${other.replace(/\D/g, '')}` }]);
      expect(
        (
          await gqlOk(
            gw.url,
            `mutation($i: DncNumberInput!) { removeDncNumber(input: $i) }`,
            { i: { phone: other, dialerCampaignId: t.dialerCampaignId } },
            t.adminKey,
          )
        ).removeDncNumber,
      ).toBe(true);
      expect(
        (
          await gqlOk(
            gw.url,
            `mutation($i: DncNumberInput!) { removeDncNumber(input: $i) }`,
            { i: { phone: other, dialerCampaignId: t.dialerCampaignId } },
            t.adminKey,
          )
        ).removeDncNumber,
      ).toBe(false);
      expect(await insert(t, { phoneNumber: other, checkDnc: true })).toMatchObject({ success: true });

      const denied = await gql(gw.url, add, { i: { phone } }, t.readerKey);
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const invalid = await gql(gw.url, add, { i: { phone: '12345' } }, t.adminKey);
      expect(invalid.errors?.[0]).toMatchObject({
        message: 'phone must be a possible US phone number (country code 1)',
        extensions: { code: 'BAD_USER_INPUT' },
      });
      const stranger = await createDialerTenant(gw.url);
      const foreign = await gql(gw.url, add, { i: { phone, dialerCampaignId: t.dialerCampaignId } }, stranger.adminKey);
      expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await gqlOk(gw.url, check, { i: { phone } }, stranger.adminKey)).checkDnc.listed).toBe(false);
    });
  });
});
