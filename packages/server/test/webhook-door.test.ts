import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { createTenant, DRIVER, gql, gqlOk, startTestGateway, uniquePhone, type Tenant } from './helpers.js';

const SAMPLE_REPLY = '{"message":"Test webhook received successfully."}';

describe(`webhook door POST /webhook/:id (${DRIVER})`, () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  async function approvalOf(t: Tenant): Promise<{ id: string; webhookId: string }> {
    const { sources } = await gqlOk(gw.url, `{ sources { id campaigns { id campaignId webhookId } } }`, {}, t.adminKey);
    return sources.find((s: { id: string }) => s.id === t.sourceId).campaigns[0];
  }

  const post = async (
    webhookId: string,
    body: FormData | URLSearchParams | string | Record<string, unknown> | undefined,
    type = 'application/json',
    query = '',
  ) => {
    const init: RequestInit = { method: 'POST' };
    if (body instanceof FormData || body instanceof URLSearchParams || typeof body === 'string') init.body = body;
    else if (body !== undefined) init.body = JSON.stringify(body);
    if (body !== undefined && !(body instanceof FormData)) init.headers = { 'content-type': type };
    const res = await fetch(`${gw.url}/webhook/${webhookId}${query}`, init);
    return { status: res.status, text: await res.text() };
  };

  const MAP = `mutation($sc: ID!, $m: [WebhookFieldMappingInput!]!) { mapWebhookFields(sourceCampaignId: $sc, mapping: $m) { webhookMapping { field from constant } } }`;

  it('keeps requests as samples until mapped, then decides mapped leads like any door', async () => {
    const t = await createTenant(gw.url, {
      requiredFields: ['first', 'phone', 'zip'],
      customFields: [{ name: 'vehicle_year', type: 'TEXT' }],
    });
    const { id: sc, webhookId } = await approvalOf(t);
    expect(webhookId).toMatch(/^[0-9a-z]{32}$/);

    // Before a mapping: JSON (nested), form, multipart and query-only requests are kept as samples.
    expect(
      await post(webhookId, { FirstName: 'Ada', contact: { phone_number: '(213) 555-0101', postal_code: '90012' }, vehicle_year: 2019 }),
    ).toEqual({ status: 200, text: SAMPLE_REPLY });
    expect(
      await post(webhookId, new URLSearchParams({ fname: 'Grace', phone_1: '2135550102' }), 'application/x-www-form-urlencoded'),
    ).toEqual({ status: 200, text: SAMPLE_REPLY });
    const form = new FormData();
    form.set('first_name', 'Alan');
    expect(await post(webhookId, form)).toEqual({ status: 200, text: SAMPLE_REPLY });
    expect(await post(webhookId, undefined, 'application/json', '?xxTrustedFormCertUrl=https%3A%2F%2Fcert.trustedform.com%2Fabc')).toEqual({
      status: 200,
      text: SAMPLE_REPLY,
    });

    const { webhookSamples } = await gqlOk(
      gw.url,
      `query($sc: ID!) { webhookSamples(sourceCampaignId: $sc) { contentType fields { name value } } }`,
      { sc },
      t.adminKey,
    );
    expect(webhookSamples).toHaveLength(4);
    expect(webhookSamples[3]).toEqual({
      contentType: 'application/json',
      fields: [
        { name: 'FirstName', value: 'Ada' },
        { name: 'contact.phone_number', value: '(213) 555-0101' },
        { name: 'contact.postal_code', value: '90012' },
        { name: 'vehicle_year', value: '2019' },
      ],
    });
    expect(webhookSamples[1].contentType).toMatch(/^multipart\/form-data/);
    expect(webhookSamples[1].fields).toEqual([{ name: 'first_name', value: 'Alan' }]);
    const { leads } = await gqlOk(
      gw.url,
      `query($c: ID!) { leads(filter: { campaignId: $c, includeTest: true }) { totalCount } }`,
      { c: t.campaignId },
      t.adminKey,
    );
    expect(leads.totalCount).toBe(0);

    const { suggestedWebhookMapping } = await gqlOk(
      gw.url,
      `query($sc: ID!) { suggestedWebhookMapping(sourceCampaignId: $sc) { field from } }`,
      { sc },
      t.adminKey,
    );
    // Names of newer samples are preferred: first_name (multipart) over the older FirstName (JSON).
    expect(suggestedWebhookMapping).toEqual([
      { field: 'first', from: 'first_name' },
      { field: 'phone', from: 'phone_1' },
      { field: 'zip', from: 'contact.postal_code' },
      { field: 'trustedFormCertUrl', from: 'xxTrustedFormCertUrl' },
      { field: 'vehicle_year', from: 'vehicle_year' },
    ]);

    // A mapping that leaves a required field unmapped is refused, naming it, and nothing changes.
    const refused = await gql(gw.url, MAP, { sc, m: [{ field: 'first', from: 'FirstName' }] }, t.adminKey);
    expect(refused.errors?.[0]).toMatchObject({
      message: 'The mapping leaves required fields unmapped: phone, zip',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const both = await gql(gw.url, MAP, { sc, m: [{ field: 'first', from: 'a', constant: 'b' }] }, t.adminKey);
    expect(both.errors?.[0]?.message).toBe('mapping[0] (first): give exactly one of from and constant');

    const mapping = [
      { field: 'first', from: 'FirstName' },
      { field: 'phone', from: 'contact.phone_number' },
      { field: 'zip', from: 'contact.postal_code' },
      { field: 'state', constant: 'CA' },
      { field: 'vehicle_year', from: 'vehicle_year' },
      { field: 'test', from: 'is_test' },
    ];
    const { mapWebhookFields } = await gqlOk(gw.url, MAP, { sc, m: mapping }, t.adminKey);
    expect(mapWebhookFields.webhookMapping).toEqual(mapping.map((m) => ({ from: null, constant: null, ...m })));

    // Mapped: a live lead is accepted and answered with the Opta body.
    const phone = uniquePhone();
    const accepted = await post(webhookId, {
      FirstName: 'Ada',
      contact: { phone_number: phone, postal_code: '90012' },
      vehicle_year: 2019,
      utm: 'x',
    });
    expect(accepted).toEqual({ status: 200, text: '{"leadStatus":true,"reason":"","message":"Success Lead = Accepted","price":12.50}' });
    const stored = await gqlOk(
      gw.url,
      `query($c: ID!) { leads(filter: { campaignId: $c }) { nodes { door first state extra raw status } } }`,
      { c: t.campaignId },
      t.adminKey,
    );
    expect(stored.leads.nodes[0]).toEqual({
      door: 'WEBHOOK',
      first: 'Ada',
      state: 'CA',
      extra: { vehicle_year: '2019' },
      status: 'ACCEPTED',
      raw: { FirstName: 'Ada', 'contact.phone_number': phone, 'contact.postal_code': '90012', vehicle_year: '2019', utm: 'x' },
    });

    // The same lead again is a duplicate; a vendor that renamed a field is rejected as missing it, raw kept.
    expect((await post(webhookId, { FirstName: 'Ada', contact: { phone_number: phone, postal_code: '90012' } })).text).toBe(
      '{"leadStatus":false,"reason":"Opta Reject","message":"Duplicate phone","price":0.00}',
    );
    const renamed = await post(webhookId, { FirstName: 'Bo', contact: { mobile: uniquePhone(), postal_code: '90012' } });
    expect(renamed.text).toBe('{"leadStatus":false,"reason":"Opta Reject","message":"Missing phone","price":0.00}');
    const rejected = await gqlOk(
      gw.url,
      `query($c: ID!) { leads(filter: { campaignId: $c, status: REJECTED }) { nodes { reasonMessage raw } } }`,
      { c: t.campaignId },
      t.adminKey,
    );
    expect(rejected.leads.nodes[0].reasonMessage).toBe('Missing phone');
    expect(rejected.leads.nodes[0].raw).toMatchObject({ FirstName: 'Bo', 'contact.mobile': expect.any(String) });

    // A test parameter still makes a test lead; form posts are mapped the same way.
    const test = await post(
      webhookId,
      new URLSearchParams({ FirstName: 'T', 'contact.phone_number': uniquePhone(), 'contact.postal_code': '90012', is_test: 'true' }),
      'application/x-www-form-urlencoded',
    );
    expect(test.text).toBe(
      '{"leadStatus":true,"reason":"Test lead accepted. Update test=false once approved.","message":"","price":0.00,"testLead":true}',
    );
    const formLead = await post(
      webhookId,
      new URLSearchParams({ FirstName: 'F', 'contact.phone_number': uniquePhone(), 'contact.postal_code': '90012' }),
      'application/x-www-form-urlencoded',
    );
    expect(formLead.text).toContain('"leadStatus":true');
    // Query parameters fill in what the body lacks; the body wins on conflict.
    const mixed = await post(
      webhookId,
      { FirstName: 'Body', contact: { phone_number: uniquePhone() } },
      'application/json',
      '?FirstName=Query&contact.postal_code=90012',
    );
    expect(mixed.text).toContain('"leadStatus":true');
    const latest = await gqlOk(
      gw.url,
      `query($c: ID!) { leads(filter: { campaignId: $c }, first: 1) { nodes { first zip } } }`,
      { c: t.campaignId },
      t.adminKey,
    );
    expect(latest.leads.nodes[0]).toEqual({ first: 'Body', zip: '90012' });
  });

  it('answers unknown, rotated and malformed requests clearly', async () => {
    const t = await createTenant(gw.url);
    const { id: sc, webhookId } = await approvalOf(t);
    expect(await post('nope', { a: 1 })).toEqual({
      status: 404,
      text: '{"message":"Unknown webhook: check the URL in your posting instructions"}',
    });
    const malformed = await post(webhookId, '{"a":', 'application/json');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.text).message).toMatch(/^Malformed JSON body/);
    const scalar = await post(webhookId, '"x"', 'application/json');
    expect(scalar).toEqual({ status: 400, text: '{"message":"The body must be a JSON object, a form or multipart fields"}' });
    const xml = await post(webhookId, '<a/>', 'application/xml');
    expect(xml.status).toBe(400);

    const { rotateWebhookId } = await gqlOk(
      gw.url,
      `mutation($sc: ID!) { rotateWebhookId(sourceCampaignId: $sc) { webhookId } }`,
      { sc },
      t.adminKey,
    );
    expect(rotateWebhookId.webhookId).not.toBe(webhookId);
    expect((await post(webhookId, { a: 1 })).status).toBe(404);
    expect(await post(rotateWebhookId.webhookId, { a: 1 })).toEqual({ status: 200, text: SAMPLE_REPLY });

    const { createApiKey } = await gqlOk(gw.url, `mutation { createApiKey(input: { role: READER }) { key } }`, {}, t.adminKey);
    const asReader = await gqlOk(gw.url, `{ sources { campaigns { webhookId instructionsToken } } }`, {}, createApiKey.key);
    expect(asReader.sources[0].campaigns[0]).toEqual({ webhookId: null, instructionsToken: null });
    const asSource = await gqlOk(gw.url, `{ sources { campaigns { webhookId } } }`, {}, t.sourceKey);
    expect(asSource.sources[0].campaigns[0].webhookId).toBe(rotateWebhookId.webhookId);

    const other = await createTenant(gw.url);
    const stranger = await gql(gw.url, `query($sc: ID!) { webhookSamples(sourceCampaignId: $sc) { id } }`, { sc }, other.adminKey);
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const source = await gql(gw.url, MAP, { sc, m: [] }, t.sourceKey);
    expect(source.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
