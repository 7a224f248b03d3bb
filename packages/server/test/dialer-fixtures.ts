import { startGateway, type RunningGateway } from '../src/main.js';
import { expect } from 'vitest';
import { createTenant, gqlOk, PLATFORM_KEY, testConfig, uniquePhone, type Tenant } from './helpers.js';

/** A clock tests move by hand: the gateway reads `now` for hopper expiry and list archiving. */
export class TestClock {
  private ms = Date.now();
  now = (): Date => new Date(this.ms);
  advanceMinutes(minutes: number): void {
    this.ms += minutes * 60_000;
  }
}

/** A test gateway on `clock`. */
export function startClockedGateway(clock: TestClock): Promise<RunningGateway> {
  return startGateway(testConfig(), { demo: false, print: () => undefined, now: clock.now });
}

export interface DialerTenant extends Tenant {
  dialerCampaignId: string;
  /** Intake campaign behind the dialer campaign. */
  dialerIntakeCampaignId: string;
  listId: string;
  /** A second list of the same dialer campaign. */
  siblingListId: string;
  /** A list of another dialer campaign of the same account. */
  otherCampaignListId: string;
  otherDialerCampaignId: string;
  readerKey: string;
}

const CREATE_DC = `mutation($i: CreateDialerCampaignInput!) { createDialerCampaign(input: $i) { id campaignId apiSourceId } }`;
const CREATE_LIST = `mutation($i: CreateDialerListInput!) { createDialerList(input: $i) { id } }`;

/** An account (see createTenant) with two dialer campaigns: the first with two lists, the second with one. */
export async function createDialerTenant(url: string): Promise<DialerTenant> {
  const t = await createTenant(url);
  const { createDialerCampaign: dc } = await gqlOk(url, CREATE_DC, { i: { name: 'Outbound' } }, t.adminKey);
  const { createDialerCampaign: other } = await gqlOk(url, CREATE_DC, { i: { name: 'Retention' } }, t.adminKey);
  const list = async (dialerCampaignId: string, name: string) =>
    (await gqlOk(url, CREATE_LIST, { i: { dialerCampaignId, name } }, t.adminKey)).createDialerList.id as string;
  const { createApiKey } = await gqlOk(
    url,
    `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`,
    {
      i: { accountId: t.accountId, role: 'READER' },
    },
    PLATFORM_KEY,
  );
  return {
    ...t,
    dialerCampaignId: dc.id,
    dialerIntakeCampaignId: dc.campaignId,
    listId: await list(dc.id, 'Fresh'),
    siblingListId: await list(dc.id, 'Aged'),
    otherDialerCampaignId: other.id,
    otherCampaignListId: await list(other.id, 'Winback'),
    readerKey: createApiKey.key,
  };
}

/** POSTs to a dialer door; `as` picks the encoding. Returns the status, raw text and parsed body. */
export async function postDialer(
  url: string,
  path: string,
  params: Record<string, string | number | boolean>,
  as: 'form' | 'json' | 'query' = 'form',
) {
  const text = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
  const target = as === 'query' ? `${url}${path}?${new URLSearchParams(text)}` : `${url}${path}`;
  const res = await fetch(target, {
    method: 'POST',
    ...(as === 'form'
      ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(text).toString() }
      : {}),
    ...(as === 'json' ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) } : {}),
  });
  const raw = await res.text();
  return { status: res.status, raw, body: JSON.parse(raw) as { success: boolean; code?: number; text?: string; data?: any; id?: string } };
}

export const INSERT = '/v1/leads/insert';
export const SUCCESS = /^\{"success":true,"data":\{"lead_id":"(\d+)"\},"id":"\1"\}$/;
export const DUPLICATE = '{"success":false,"code":6009,"text":"The phone number already exists"}';
export const DIALER_LEAD = `query($id: ID!) { dialerLead(id: $id) { id listId phone lead { id status door first last email zip extra trace { stage outcome } } } }`;

type Params = Record<string, string | number | boolean>;

/** Shortcuts for inserting through the dialer door of the gateway at `url()`. */
export function dialerDoor(url: () => string) {
  const insert = (params: Params, as: 'form' | 'json' | 'query' = 'form') => postDialer(url(), INSERT, params, as);
  return {
    insert,
    /** The required parameters (ADMIN key, the tenant's first list, a fresh phone) and `extra`. */
    base: (t: DialerTenant, extra: Params = {}) => ({ auth_token: t.adminKey, list_id: t.listId, phone_number: uniquePhone(), ...extra }),
    /** Inserts and expects success; returns the dialer lead id. */
    inserted: async (params: Params, as: 'form' | 'json' | 'query' = 'form') => {
      const res = await insert(params, as);
      expect(res.status).toBe(200);
      expect(res.raw).toMatch(SUCCESS);
      return res.body.id!;
    },
  };
}
