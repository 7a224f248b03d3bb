import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { DRIVER, gqlOk, startTestGateway } from './helpers.js';
import {
  CLIENT_TYPES,
  HISTORY_QUERY,
  IN_SUMMARY,
  OPT_IN_EXAMPLE,
  optInTenant,
  postQueue,
  statuses,
  UUID,
  type OptInTenant,
} from './optin-fixtures.js';

/** The opt-out example of Omeda's documentation, verbatim. */
const OPT_OUT_EXAMPLE = {
  ClientOptOut: [{ EmailAddress: 'test4@omeda.com' }, { EmailAddress: 'test5@omeda.com', Source: 'Company FGH' }],
  BrandOptOut: [
    { EmailAddress: 'test@omeda.com', BrandId: ['XXG', 'XXH', 'XXL', 'XXM'], Source: 'Company STU' },
    { EmailAddress: 'test2@omeda.com', BrandId: ['XXH', 'XXL'] },
  ],
  DeploymentTypeOptOut: [
    { EmailAddress: 'test66@omeda.com', DeploymentTypeId: [4194, 4804], PromoCode: 'test' },
    { EmailAddress: 'test77@omeda.com', DeploymentTypeId: [4807], Source: 'Company WPO' },
  ],
};

const OPT_IN_XML = `<?xml version="1.0" encoding="UTF-8"?>
<OptIn>
  <DeploymentTypeOptIn>
    <EmailAddress>test66@omeda.com</EmailAddress>
    <DeploymentTypeId>4194</DeploymentTypeId>
    <DeploymentTypeId>4804</DeploymentTypeId>
    <DeleteOptOut>1</DeleteOptOut>
    <PromoCode>test</PromoCode>
  </DeploymentTypeOptIn>
  <DeploymentTypeOptIn>
    <EmailAddress>test77@omeda.com</EmailAddress>
    <DeploymentTypeId>4807</DeploymentTypeId>
    <Source>Company MNO &amp; Sons</Source>
  </DeploymentTypeOptIn>
</OptIn>`;

const OPT_OUT_XML = `<OptOut>
  <ClientOptOut><EmailAddress>test4@omeda.com</EmailAddress></ClientOptOut>
  <ClientOptOut><EmailAddress>test5@omeda.com</EmailAddress><Source>Company FGH</Source></ClientOptOut>
  <BrandOptOut><EmailAddress>test@omeda.com</EmailAddress><BrandId>XXG</BrandId><BrandId>XXH</BrandId><BrandId>XXL</BrandId><BrandId>XXM</BrandId><Source>Company STU</Source></BrandOptOut>
  <BrandOptOut><EmailAddress>test2@omeda.com</EmailAddress><BrandId>XXH</BrandId><BrandId>XXL</BrandId></BrandOptOut>
  <DeploymentTypeOptOut><EmailAddress>test66@omeda.com</EmailAddress><DeploymentTypeId>4194</DeploymentTypeId><DeploymentTypeId>4804</DeploymentTypeId><PromoCode>test</PromoCode></DeploymentTypeOptOut>
  <DeploymentTypeOptOut><EmailAddress>test77@omeda.com</EmailAddress><DeploymentTypeId>4807</DeploymentTypeId><Source>Company WPO</Source></DeploymentTypeOptOut>
</OptOut>`;

const SUCCESS = '"Success":"Your submission was successful"';
const OUT_SUMMARY = 'There were errors with your submission.  None of the OptOuts submitted in your request were created.';

const only = (types: number[], status: string) => Object.fromEntries(types.map((id) => [id, status]));

describe(`Omeda opt-in queue doors (${DRIVER})`, () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  describe('opt-in queue', () => {
    it('takes the documented example and answers exactly as Omeda does', async () => {
      const t = await optInTenant(gw.url);
      const res = await postQueue(t, 'optinfilterqueue', OPT_IN_EXAMPLE);
      expect(res.status).toBe(200);
      expect(res.type).toBe('application/json; charset=utf-8');
      expect(res.text).toMatch(new RegExp(`^\\{"Submission":"${UUID}",${SUCCESS}\\}$`));
      expect(await statuses(t, 'test66@omeda.com')).toEqual({ 4194: 'IN', 4804: 'IN' });
      expect(await statuses(t, 'TEST77@omeda.com')).toEqual({ 4807: 'IN' });
      const { optInStatus } = await gqlOk(
        t.url,
        `query { optInStatus(email: "test66@omeda.com", brand: "xxg") { deploymentTypeId source promoCode brandAbbreviation submissionId } }`,
        {},
        t.adminKey,
      );
      expect(optInStatus).toEqual([
        { deploymentTypeId: 4194, source: 'Optin API 2', promoCode: 'test', brandAbbreviation: 'XXG', submissionId: res.json().Submission },
        { deploymentTypeId: 4804, source: 'Optin API 2', promoCode: 'test', brandAbbreviation: 'XXG', submissionId: res.json().Submission },
      ]);
      const { optInStatus: mno } = await gqlOk(
        t.url,
        `query { optInStatus(email: "test77@omeda.com") { source promoCode } }`,
        {},
        t.adminKey,
      );
      expect(mno).toEqual([{ source: 'Company MNO', promoCode: null }]);
    });

    it('keeps an OUT without DeleteOptOut (with a message) and overwrites it with DeleteOptOut 1', async () => {
      const t = await optInTenant(gw.url);
      const out = await postQueue(t, 'optoutfilterqueue', {
        DeploymentTypeOptOut: [
          { EmailAddress: 'test66@omeda.com', DeploymentTypeId: [4194] },
          { EmailAddress: 'test77@omeda.com', DeploymentTypeId: 4807 },
        ],
      });
      expect(out.status).toBe(200);
      const res = await postQueue(t, 'optinfilterqueue', OPT_IN_EXAMPLE);
      expect(res.status).toBe(200);
      expect(res.text).toMatch(
        new RegExp(
          `^\\{"Messages":\\[\\{"Message":"DeploymentTypeOptIn submission: the DeleteOptOut element was not set to delete OptOuts\\. Email address test77@omeda\\.com already has an OptOut and it was not Opted In for deployment type id 4807\\."\\}\\],"Submission":"${UUID}",${SUCCESS}\\}$`,
        ),
      );
      expect(await statuses(t, 'test66@omeda.com')).toEqual({ 4194: 'IN', 4804: 'IN' });
      expect(await statuses(t, 'test77@omeda.com')).toEqual({ 4807: 'OUT' });

      // "0" and 0 mean no delete; "1" deletes.
      for (const flag of ['0', 0]) {
        const kept = await postQueue(t, 'optinfilterqueue', {
          DeploymentTypeOptIn: [{ EmailAddress: 'test77@omeda.com', DeploymentTypeId: '4807', DeleteOptOut: flag }],
        });
        expect(kept.json().Messages).toHaveLength(1);
      }
      expect(await statuses(t, 'test77@omeda.com')).toEqual({ 4807: 'OUT' });
      const replaced = await postQueue(t, 'optinfilterqueue', {
        DeploymentTypeOptIn: [{ EmailAddress: 'test77@omeda.com', DeploymentTypeId: '4807', DeleteOptOut: '1' }],
      });
      expect(replaced.json().Messages).toBeUndefined();
      expect(await statuses(t, 'test77@omeda.com')).toEqual({ 4807: 'IN' });
      const { optInHistory } = await gqlOk(t.url, HISTORY_QUERY, { email: 'test77@omeda.com' }, t.adminKey);
      expect(optInHistory.map((c: { previousStatus: string | null; status: string }) => [c.previousStatus, c.status])).toEqual([
        [null, 'OUT'],
        ['OUT', 'IN'],
      ]);
    });

    it('opts in at client, brand and deployment-type level in one call', async () => {
      const t = await optInTenant(gw.url);
      const res = await postQueue(t, 'optinfilterqueue', {
        ClientOptIn: [{ EmailAddress: 'client@example.com', Source: 'Signup form' }],
        BrandOptIn: [{ EmailAddress: 'brand@example.com', BrandId: ['xxl', 'XXH'], PromoCode: 'SPRING' }],
        DeploymentTypeOptIn: [{ EmailAddress: 'type@example.com', DeploymentTypeId: 4900 }],
      });
      expect(res.status).toBe(200);
      expect(await statuses(t, 'client@example.com')).toEqual(only(CLIENT_TYPES, 'IN'));
      // Brand level reaches active deployment types only; a listed inactive one is written.
      expect(await statuses(t, 'brand@example.com')).toEqual({ 4807: 'IN', 4901: 'IN' });
      expect(await statuses(t, 'type@example.com')).toEqual({ 4900: 'IN' });
      const { optInHistory } = await gqlOk(t.url, HISTORY_QUERY, { email: 'client@example.com' }, t.adminKey);
      expect(optInHistory).toHaveLength(CLIENT_TYPES.length);
      expect(optInHistory.every((c: { level: string; source: string }) => c.level === 'CLIENT' && c.source === 'Signup form')).toBe(true);
    });

    it('applies ClientOptIn and BrandOptIn DeleteOptOut too, with their own level in messages', async () => {
      const t = await optInTenant(gw.url);
      await postQueue(t, 'optoutfilterqueue', { ClientOptOut: [{ EmailAddress: 'who@example.com' }] });
      const kept = await postQueue(t, 'optinfilterqueue', {
        ClientOptIn: [{ EmailAddress: 'Who@Example.com' }],
        BrandOptIn: [{ EmailAddress: 'who@example.com', BrandId: 'XXH' }],
      });
      expect(kept.json().Messages.map((m: { Message: string }) => m.Message)).toEqual([
        ...CLIENT_TYPES.map(
          (id) =>
            `ClientOptIn submission: the DeleteOptOut element was not set to delete OptOuts. Email address Who@Example.com already has an OptOut and it was not Opted In for deployment type id ${id}.`,
        ),
        'BrandOptIn submission: the DeleteOptOut element was not set to delete OptOuts. Email address who@example.com already has an OptOut and it was not Opted In for deployment type id 4807.',
      ]);
      expect(await statuses(t, 'who@example.com')).toEqual(only(CLIENT_TYPES, 'OUT'));
      await postQueue(t, 'optinfilterqueue', { BrandOptIn: [{ EmailAddress: 'who@example.com', BrandId: ['XXG'], DeleteOptOut: 1 }] });
      expect(await statuses(t, 'who@example.com')).toEqual({ ...only(CLIENT_TYPES, 'OUT'), 4194: 'IN', 4804: 'IN' });
    });

    it('takes XML (application/xml and text/xml) and answers in XML', async () => {
      for (const contentType of ['application/xml', 'text/xml; charset=utf-8']) {
        const t = await optInTenant(gw.url);
        const res = await postQueue(t, 'optinfilterqueue', OPT_IN_XML, { contentType });
        expect(res.status).toBe(200);
        expect(res.type).toBe(`${contentType.split(';')[0]}; charset=utf-8`);
        expect(res.text).toMatch(
          new RegExp(
            `^<\\?xml version="1\\.0" encoding="UTF-8"\\?><Response><Submission>${UUID}</Submission><Success>Your submission was successful</Success></Response>$`,
          ),
        );
        expect(await statuses(t, 'test66@omeda.com')).toEqual({ 4194: 'IN', 4804: 'IN' });
        const { optInStatus } = await gqlOk(t.url, `query { optInStatus(email: "test77@omeda.com") { source } }`, {}, t.adminKey);
        expect(optInStatus).toEqual([{ source: 'Company MNO & Sons' }]);
      }
    });

    it('treats a request without a content type as JSON', async () => {
      const t = await optInTenant(gw.url);
      const res = await postQueue(t, 'optinfilterqueue', OPT_IN_EXAMPLE, { contentType: null });
      expect(res.status).toBe(200);
      expect(res.type).toBe('application/json; charset=utf-8');
      expect(await statuses(t, 'test66@omeda.com')).toEqual({ 4194: 'IN', 4804: 'IN' });
    });
  });

  describe('opt-out queue', () => {
    const expectExampleWritten = async (t: OptInTenant) => {
      expect(await statuses(t, 'test4@omeda.com')).toEqual(only(CLIENT_TYPES, 'OUT'));
      expect(await statuses(t, 'test5@omeda.com')).toEqual(only(CLIENT_TYPES, 'OUT'));
      expect(await statuses(t, 'test@omeda.com')).toEqual(only(CLIENT_TYPES, 'OUT'));
      expect(await statuses(t, 'test2@omeda.com')).toEqual({ 4807: 'OUT', 4901: 'OUT' });
      expect(await statuses(t, 'test66@omeda.com')).toMatchObject({ 4194: 'OUT', 4804: 'OUT' });
      expect(await statuses(t, 'test77@omeda.com')).toEqual({ 4807: 'OUT' });
      const { optInStatus } = await gqlOk(
        t.url,
        `query { optInStatus(email: "test5@omeda.com", brand: "XXH") { source } }`,
        {},
        t.adminKey,
      );
      expect(optInStatus).toEqual([{ source: 'Company FGH' }]);
      const { optInStatus: defaults } = await gqlOk(
        t.url,
        `query { optInStatus(email: "test4@omeda.com", brand: "XXH") { source } }`,
        {},
        t.adminKey,
      );
      expect(defaults).toEqual([{ source: 'Optout API 2' }]);
    };

    it('takes the documented example and answers with SubmissionId', async () => {
      const t = await optInTenant(gw.url);
      await postQueue(t, 'optinfilterqueue', { ClientOptIn: [{ EmailAddress: 'test66@omeda.com' }] });
      const res = await postQueue(t, 'optoutfilterqueue', OPT_OUT_EXAMPLE);
      expect(res.status).toBe(200);
      expect(res.text).toMatch(new RegExp(`^\\{"SubmissionId":"${UUID}",${SUCCESS}\\}$`));
      await expectExampleWritten(t);
      // An opt-out always wins over an IN, and the types it does not name keep their IN.
      expect(await statuses(t, 'test66@omeda.com')).toEqual({ ...only(CLIENT_TYPES, 'IN'), 4194: 'OUT', 4804: 'OUT' });
    });

    it('takes the example as XML', async () => {
      const t = await optInTenant(gw.url);
      const res = await postQueue(t, 'optoutfilterqueue', OPT_OUT_XML, { contentType: 'text/xml' });
      expect(res.status).toBe(200);
      expect(res.text).toMatch(
        new RegExp(
          `^<\\?xml version="1\\.0" encoding="UTF-8"\\?><Response><SubmissionId>${UUID}</SubmissionId><Success>Your submission was successful</Success></Response>$`,
        ),
      );
      await expectExampleWritten(t);
    });
  });

  describe('authorization', () => {
    it("answers 403 without, or with a wrong, revoked or other client's app id, and writes nothing", async () => {
      const t = await optInTenant(gw.url);
      const other = await optInTenant(gw.url);
      const missing = await postQueue(t, 'optinfilterqueue', OPT_IN_EXAMPLE, { appId: null });
      expect(missing.status).toBe(403);
      expect(missing.text).toMatch(
        new RegExp(
          `^\\{"Submission":"${UUID}","Errors":\\[\\{"Error":"The x-omeda-appid header is required\\."\\},\\{"Error":"${IN_SUMMARY.replace(/\./g, '\\.')}"\\}\\]\\}$`,
        ),
      );
      const invalid = 'The x-omeda-appid submitted is not valid for this client.';
      for (const [appId, client] of [
        ['11111111-1111-1111-1111-111111111111', t.slug],
        [other.appId, t.slug],
        [t.appId, 'no-such-client'],
      ]) {
        const res = await postQueue(t, 'optoutfilterqueue', OPT_OUT_EXAMPLE, { appId, client });
        expect(res.status).toBe(403);
        expect(res.json().Errors).toEqual([{ Error: invalid }, { Error: OUT_SUMMARY }]);
      }
      // A malformed body from a stranger is still a 403: the app id is checked first.
      expect((await postQueue(t, 'optinfilterqueue', '{oops', { appId: 'nope-nope-nope-nope' })).status).toBe(403);
      await gqlOk(t.url, `mutation($id: ID!) { revokeOptInAppId(id: $id) { revokedAt } }`, { id: t.appIdRecord }, t.adminKey);
      expect((await postQueue(t, 'optinfilterqueue', OPT_IN_EXAMPLE)).status).toBe(403);
      expect(await statuses(t, 'test66@omeda.com')).toEqual({});
      // The client may be named by its slug in any case, or by its account code.
      expect((await postQueue(other, 'optinfilterqueue', OPT_IN_EXAMPLE, { client: other.slug.toUpperCase() })).status).toBe(200);
      expect((await postQueue(other, 'optinfilterqueue', OPT_IN_EXAMPLE, { client: other.code })).status).toBe(200);
    });

    it("refuses a deployment type of a brand the app id is not authorized for, with Omeda's strings", async () => {
      const t = await optInTenant(gw.url);
      const res = await postQueue(t, 'optinfilterqueue', {
        DeploymentTypeOptIn: [
          { EmailAddress: 'test66@omeda.com', DeploymentTypeId: [4194, 46, 999] },
          { EmailAddress: 'ok@omeda.com', DeploymentTypeId: [4807] },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.text).toBe(
        `{"Submission":"${res.json().Submission}","Errors":[` +
          '{"Error":"DeploymentTypeOptIn submission (46): the DeploymentTypeId is not authorized for OptIns for the AppId submitted. Email address test66@omeda.com was not opted in."},' +
          '{"Error":"DeploymentTypeOptIn submission (999): the DeploymentTypeId is not authorized for OptIns for the AppId submitted. Email address test66@omeda.com was not opted in."},' +
          `{"Error":"${IN_SUMMARY}"}]}`,
      );
      expect(res.json().Submission).toMatch(new RegExp(`^${UUID}$`));
      expect(await statuses(t, 'test66@omeda.com')).toEqual({});
      expect(await statuses(t, 'ok@omeda.com')).toEqual({});
      const { optInSubmission } = await gqlOk(
        t.url,
        `query($id: ID!) { optInSubmission(id: $id) { outcome door queue changeCount errors changes { seq } } }`,
        { id: res.json().Submission },
        t.adminKey,
      );
      expect(optInSubmission).toMatchObject({ outcome: 'REJECTED', door: 'OMEDA', queue: 'OPT_IN', changeCount: 0, changes: [] });
      expect(optInSubmission.errors).toHaveLength(2);
    });

    it('refuses brands the app id is not authorized for (one error per BrandId) and a client with no valid brands', async () => {
      const t = await optInTenant(gw.url);
      const res = await postQueue(t, 'optoutfilterqueue', {
        ClientOptOut: [{ EmailAddress: 'fine@omeda.com' }],
        BrandOptOut: [{ EmailAddress: 'test@omeda.com', BrandId: ['XXG', 'NOPE', 'ZZZ'] }],
        DeploymentTypeOptOut: [{ EmailAddress: 'test66@omeda.com', DeploymentTypeId: [46] }],
      });
      expect(res.status).toBe(400);
      expect(res.json().Errors).toEqual([
        {
          Error:
            'BrandOptOut submission (NOPE): the BrandId is not authorized for OptOuts for the AppId submitted. Email address test@omeda.com was not opted out.',
        },
        {
          Error:
            'BrandOptOut submission (ZZZ): the BrandId is not authorized for OptOuts for the AppId submitted. Email address test@omeda.com was not opted out.',
        },
        {
          Error:
            'DeploymentTypeOptOut submission (46): the DeploymentTypeId is not authorized for OptOuts for the AppId submitted. Email address test66@omeda.com was not opted out.',
        },
        { Error: OUT_SUMMARY },
      ]);
      expect(await statuses(t, 'fine@omeda.com')).toEqual({});

      const { createOptInAppId } = await gqlOk(t.url, `mutation { createOptInAppId(input: { brandIds: [] }) { appId } }`, {}, t.adminKey);
      const bare = await postQueue(
        t,
        'optoutfilterqueue',
        { ClientOptOut: [{ EmailAddress: 'a@omeda.com' }, { EmailAddress: 'b@omeda.com' }] },
        { appId: createOptInAppId.appId },
      );
      expect(bare.status).toBe(400);
      expect(bare.json().Errors).toEqual([
        { Error: 'There are currently no valid brands associated for the client submitted.' },
        { Error: OUT_SUMMARY },
      ]);
    });
  });

  it('is all or nothing: a 1,000-entry request whose last entry fails writes nothing; without it, all 1,000 are written', async () => {
    const t = await optInTenant(gw.url);
    const entries = Array.from({ length: 1000 }, (_, i) => ({
      EmailAddress: `bulk${i}@example.com`,
      DeploymentTypeId: [4194, 4807],
      Source: 'Bulk',
    }));
    const failing = {
      DeploymentTypeOptIn: [...entries.slice(0, 999), { EmailAddress: 'bulk999@example.com', DeploymentTypeId: [4194, 46] }],
    };
    const refused = await postQueue(t, 'optinfilterqueue', failing);
    expect(refused.status).toBe(400);
    expect(refused.json().Errors).toEqual([
      {
        Error:
          'DeploymentTypeOptIn submission (46): the DeploymentTypeId is not authorized for OptIns for the AppId submitted. Email address bulk999@example.com was not opted in.',
      },
      { Error: IN_SUMMARY },
    ]);
    for (const email of ['bulk0@example.com', 'bulk500@example.com', 'bulk998@example.com', 'bulk999@example.com']) {
      expect(await statuses(t, email)).toEqual({});
      expect((await gqlOk(t.url, HISTORY_QUERY, { email }, t.adminKey)).optInHistory).toEqual([]);
    }

    const accepted = await postQueue(t, 'optinfilterqueue', { DeploymentTypeOptIn: entries });
    expect(accepted.status).toBe(200);
    const { optInSubmission } = await gqlOk(
      t.url,
      `query($id: ID!) { optInSubmission(id: $id) { outcome entryCount changeCount } }`,
      { id: accepted.json().Submission },
      t.adminKey,
    );
    expect(optInSubmission).toEqual({ outcome: 'ACCEPTED', entryCount: 1000, changeCount: 2000 });
    expect(await statuses(t, 'bulk999@example.com')).toEqual({ 4194: 'IN', 4807: 'IN' });
  });
});
