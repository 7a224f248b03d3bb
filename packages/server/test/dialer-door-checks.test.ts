import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { createTenant, DRIVER, gqlOk, uniquePhone } from './helpers.js';
import {
  createDialerTenant,
  DIALER_LEAD,
  dialerDoor,
  DUPLICATE,
  postDialer,
  startClockedGateway,
  SUCCESS,
  TestClock,
} from './dialer-fixtures.js';

describe(`dialer door POST /v1/leads/insert: duplicates, DNC and update_if_found (${DRIVER})`, () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startClockedGateway(new TestClock());
  });
  afterAll(() => gw.close());

  const { insert, base, inserted } = dialerDoor(() => gw.url);

  describe('check_dup scopes', () => {
    it('0 (or absent) inserts a number again; 2 checks the list only', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      const first = await inserted(base(t, { phone_number: phone }));
      const again = await inserted(base(t, { phone_number: phone, check_dup: 0 }));
      expect(again).not.toBe(first);
      expect((await insert(base(t, { phone_number: phone, check_dup: 2 }))).raw).toBe(DUPLICATE);
      // The same number in another list of the same campaign is not a list duplicate.
      await inserted(base(t, { list_id: t.siblingListId, phone_number: phone, check_dup: 2 }));
    });

    it('1 checks every list of the account', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      await inserted(base(t, { list_id: t.otherCampaignListId, phone_number: phone }));
      expect((await insert(base(t, { phone_number: phone, check_dup: 1 }))).raw).toBe(DUPLICATE);
      // Another account's lists never count.
      const stranger = await createDialerTenant(gw.url);
      await inserted(base(stranger, { phone_number: phone, check_dup: 1 }));
    });

    it("3 checks the lists of the target list's dialer campaign", async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      await inserted(base(t, { list_id: t.siblingListId, phone_number: phone }));
      expect((await insert(base(t, { phone_number: phone, check_dup: 3 }))).raw).toBe(DUPLICATE);
      await inserted(base(t, { list_id: t.otherCampaignListId, phone_number: phone, check_dup: 3 }));
    });

    it('leaves archived lists out unless check_dup_archive=1, and refuses inserts into them', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      await inserted(base(t, { list_id: t.siblingListId, phone_number: phone }));
      await gqlOk(gw.url, `mutation($id: ID!) { archiveList(id: $id) { archived } }`, { id: t.siblingListId }, t.adminKey);
      expect((await insert(base(t, { list_id: t.siblingListId }))).raw).toBe('{"success":false,"code":6002,"text":"No such List"}');
      await inserted(base(t, { phone_number: phone, check_dup: 1 }));
      const again = uniquePhone();
      await gqlOk(gw.url, `mutation($id: ID!) { archiveList(id: $id, archived: false) { archived } }`, { id: t.siblingListId }, t.adminKey);
      await inserted(base(t, { list_id: t.siblingListId, phone_number: again }));
      await gqlOk(gw.url, `mutation($id: ID!) { archiveList(id: $id) { archived } }`, { id: t.siblingListId }, t.adminKey);
      expect((await insert(base(t, { list_id: t.otherCampaignListId, phone_number: again, check_dup: 1, check_dup_archive: 1 }))).raw).toBe(
        DUPLICATE,
      );
      expect((await insert(base(t, { list_id: t.otherCampaignListId, phone_number: again, check_dup_archive: 'true' }))).raw).toBe(
        DUPLICATE,
      );
      await inserted(base(t, { list_id: t.otherCampaignListId, phone_number: again, check_dup: 3 }));
    });

    it('stores a refused duplicate as a rejected lead with the reason, counted in stats', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      await inserted(base(t, { phone_number: phone }));
      expect((await insert(base(t, { phone_number: phone, check_dup: 2 }))).raw).toBe(DUPLICATE);
      const { leadStats } = await gqlOk(
        gw.url,
        `query($f: LeadFilter) { leadStats(filter: $f) { total accepted rejected byReason { key count } } }`,
        {
          f: { campaignId: t.dialerIntakeCampaignId },
        },
        t.adminKey,
      );
      expect(leadStats).toEqual({ total: 2, accepted: 1, rejected: 1, byReason: [{ key: 'DUPLICATE_PHONE', count: 1 }] });
    });

    it('inserts exactly one of 100 concurrent inserts of one number with check_dup=2', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      const replies = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          insert(base(t, { phone_number: phone, check_dup: 2, first_name: `n${i}` }), i % 2 ? 'json' : 'form'),
        ),
      );
      expect(replies.filter((r) => r.body.success)).toHaveLength(1);
      expect(replies.filter((r) => r.raw === DUPLICATE)).toHaveLength(99);
      const { dialerLeads } = await gqlOk(
        gw.url,
        `query($l: ID!, $p: String) { dialerLeads(listId: $l, phone: $p) { id } }`,
        { l: t.listId, p: phone },
        t.adminKey,
      );
      expect(dialerLeads).toHaveLength(1);
    });
  });

  describe('DNC', () => {
    it("refuses numbers on the account-wide, the purpose or the list campaign's DNC list with check_dnc=1", async () => {
      const t = await createDialerTenant(gw.url);
      const globalPhone = uniquePhone();
      const campaignPhone = uniquePhone();
      const purposePhone = uniquePhone();
      const dnc = (params: Record<string, string>, action = 'insert') =>
        postDialer(gw.url, `/v1/dnc/${action}`, { auth_token: t.adminKey, ...params });
      const added = await dnc({ phone_number: globalPhone.replace(/\D/g, '') });
      expect(added.raw).toMatch(/^\{"success":true,"id":\d+\}$/);
      expect((await dnc({ phone_number: campaignPhone, campaign_id: t.otherDialerCampaignId })).body.success).toBe(true);
      expect((await dnc({ phone_number: purposePhone, campaign_id: '-1', purpose: 'TELEMKT' })).body.success).toBe(true);
      const refused = '{"success":false,"code":6102,"text":"The phone number is in the DNC list"}';
      expect((await insert(base(t, { phone_number: globalPhone, check_dnc: 1 }))).raw).toBe(refused);
      expect((await insert(base(t, { phone_number: purposePhone, check_dnc: 1 }))).raw).toBe(refused);
      expect((await insert(base(t, { list_id: t.otherCampaignListId, phone_number: campaignPhone, check_dnc: 1 }))).raw).toBe(refused);
      // Another campaign's DNC list does not apply; without check_dnc nothing is checked.
      await inserted(base(t, { phone_number: campaignPhone, check_dnc: 1 }));
      await inserted(base(t, { phone_number: globalPhone }));
      const search = await dnc({ phone_number: campaignPhone, campaign_id: t.otherDialerCampaignId }, 'search');
      expect(search.body).toMatchObject({
        success: true,
        data: { total: 1, entries: [{ campaign_id: t.otherDialerCampaignId, campaign_name: 'Retention' }] },
      });
      expect((await dnc({ phone_number: globalPhone }, 'delete')).raw).toBe('{"success":true}');
      expect((await dnc({ phone_number: globalPhone }, 'delete')).raw).toBe(
        '{"success":false,"code":6003,"text":"Phone Number Not Found"}',
      );
      expect((await dnc({ phone_number: globalPhone }, 'search')).body).toEqual({
        success: true,
        data: { offset: 0, limit: 1000, total: 0, entries: [] },
      });
      await inserted(base(t, { phone_number: globalPhone, check_dnc: 1 }));
    });

    it("answers DNC door errors in the door's shape", async () => {
      const t = await createDialerTenant(gw.url);
      const other = await createTenant(gw.url);
      const dnc = (params: Record<string, string>, action = 'insert') => postDialer(gw.url, `/v1/dnc/${action}`, params);
      expect((await dnc({ auth_token: t.adminKey })).raw).toBe('{"success":false,"code":6007,"text":"Invalid Phone Number"}');
      expect((await dnc({ auth_token: t.adminKey, phone_number: '12' })).raw).toBe(
        '{"success":false,"code":6007,"text":"Invalid Phone Number"}',
      );
      expect((await dnc({ auth_token: 'bad', phone_number: '2135550100' })).body).toMatchObject({ code: 5001 });
      expect((await dnc({ auth_token: t.readerKey, phone_number: '2135550100' })).body).toMatchObject({ code: 403, text: 'Forbidden' });
      expect((await dnc({ auth_token: t.readerKey, phone_number: '2135550100' }, 'search')).body).toMatchObject({ success: true });
      expect((await dnc({ auth_token: other.adminKey, phone_number: '2135550100', campaign_id: t.dialerCampaignId })).raw).toBe(
        '{"success":false,"code":6006,"text":"Invalid Campaign ID"}',
      );
      expect((await dnc({ auth_token: other.adminKey, campaign_id: t.dialerCampaignId }, 'search')).raw).toBe(
        '{"success":false,"code":6006,"text":"Invalid Campaign ID"}',
      );
    });
  });

  describe('update_if_found', () => {
    it('updates the matching lead instead of inserting and returns its id', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      const id = await inserted(base(t, { phone_number: phone, first_name: 'Old', notes: 'first call' }));
      const again = await inserted(
        base(t, { list_id: t.siblingListId, phone_number: phone, update_if_found: 1, first_name: 'New', city: 'Austin' }),
      );
      expect(again).toBe(id);
      const { dialerLead } = await gqlOk(gw.url, DIALER_LEAD, { id }, t.adminKey);
      expect(dialerLead).toMatchObject({ listId: t.listId, lead: { first: 'New', extra: { notes: 'first call' } } });
      const { dialerLeads } = await gqlOk(gw.url, `query($l: ID!) { dialerLeads(listId: $l) { id } }`, { l: t.siblingListId }, t.adminKey);
      expect(dialerLeads).toEqual([]);
    });

    it('searches search_list_id first, then search_campaign_id, and inserts when nothing matches there', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      const inOther = await inserted(base(t, { list_id: t.otherCampaignListId, phone_number: phone }));
      const inserts = await inserted(base(t, { phone_number: phone, update_if_found: 1, search_list_id: t.listId }));
      expect(inserts).not.toBe(inOther);
      expect(await inserted(base(t, { phone_number: phone, update_if_found: 1, search_campaign_id: t.otherDialerCampaignId }))).toBe(
        inOther,
      );
      expect(
        await inserted(
          base(t, { phone_number: phone, update_if_found: 1, search_list_id: t.listId, search_campaign_id: t.otherDialerCampaignId }),
        ),
      ).toBe(inserts);
      expect((await insert(base(t, { update_if_found: 1, search_list_id: 999999 }))).raw).toBe(
        '{"success":false,"code":6002,"text":"No such List"}',
      );
      expect((await insert(base(t, { update_if_found: 1, search_campaign_id: 999999 }))).raw).toBe(
        '{"success":false,"code":6101,"text":"No such Campaign"}',
      );
    });

    it('matches lead_id when given, taking the posted phone, and picks by update_order_by_last_called_time', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      const older = await inserted(base(t, { phone_number: phone }));
      const newer = await inserted(base(t, { phone_number: phone }));
      expect(await inserted(base(t, { phone_number: phone, update_if_found: 1, search_list_id: t.listId }))).toBe(newer);
      expect(await inserted(base(t, { phone_number: phone, update_if_found: 1, update_order_by_last_called_time: 'ASC' }))).toBe(older);
      const moved = uniquePhone();
      expect(await inserted(base(t, { phone_number: moved, update_if_found: 1, lead_id: older }))).toBe(older);
      const { dialerLead } = await gqlOk(
        gw.url,
        `query($id: ID!) { dialerLead(id: $id) { phone lead { phone } } }`,
        { id: older },
        t.adminKey,
      );
      expect(dialerLead.phone).toBe(dialerLead.lead.phone);
      expect(dialerLead.phone).toBe(`+1${moved.replace(/\D/g, '')}`);
    });

    it('lets a SOURCE key update only its own leads, and only when approved', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      const adminLead = await inserted(base(t, { phone_number: phone, first_name: 'Admin' }));
      const forbidden = await insert(base(t, { auth_token: t.sourceKey, phone_number: phone, update_if_found: 1, first_name: 'Hacked' }));
      expect(forbidden.raw).toBe('{"success":false,"code":403,"text":"Forbidden"}');
      await gqlOk(
        gw.url,
        `mutation($i: ApproveSourceInput!) { approveSource(input: $i) { id } }`,
        { i: { sourceId: t.sourceId, campaignId: t.dialerIntakeCampaignId } },
        t.adminKey,
      );
      const own = await inserted(base(t, { auth_token: t.sourceKey, phone_number: phone, update_if_found: 1, first_name: 'Vendor' }));
      expect(own).not.toBe(adminLead);
      // Naming the ADMIN's lead finds nothing of the source's own, so it inserts.
      const second = await inserted(
        base(t, { auth_token: t.sourceKey, phone_number: phone, update_if_found: 1, lead_id: adminLead, first_name: 'Hacked' }),
      );
      expect([adminLead, own]).not.toContain(second);
      expect(
        await inserted(
          base(t, {
            auth_token: t.sourceKey,
            phone_number: phone,
            update_if_found: 1,
            search_list_id: t.listId,
            update_order_by_last_called_time: 'ASC',
          }),
        ),
      ).toBe(own);
      const { dialerLead } = await gqlOk(gw.url, DIALER_LEAD, { id: adminLead }, t.adminKey);
      expect(dialerLead.lead.first).toBe('Admin');
    });

    it('applies check_dnc and check_dup to the number an update would give the lead', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      const other = uniquePhone();
      const id = await inserted(base(t, { phone_number: phone }));
      await inserted(base(t, { phone_number: other }));
      await postDialer(gw.url, '/v1/dnc/insert', { auth_token: t.adminKey, phone_number: phone });
      expect((await insert(base(t, { phone_number: phone, update_if_found: 1, check_dnc: 1, hopper: 1 }))).raw).toBe(
        '{"success":false,"code":6102,"text":"The phone number is in the DNC list"}',
      );
      const { hopper } = await gqlOk(gw.url, `query($l: ID!) { hopper(listId: $l) { id } }`, { l: t.listId }, t.adminKey);
      expect(hopper).toEqual([]);
      expect((await insert(base(t, { phone_number: other, update_if_found: 1, lead_id: id, check_dup: 2 }))).raw).toBe(DUPLICATE);
      expect(await inserted(base(t, { phone_number: phone, update_if_found: 1, lead_id: id, check_dup: 2 }))).toBe(id);
    });

    it('keeps one lead when concurrent update_if_found inserts of a new number race', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      const replies = await Promise.all(Array.from({ length: 20 }, () => insert(base(t, { phone_number: phone, update_if_found: 1 }))));
      expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
      expect(replies.every((r) => SUCCESS.test(r.raw))).toBe(true);
    });
  });
});
