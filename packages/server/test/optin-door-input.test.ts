import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { DRIVER, startTestGateway } from './helpers.js';
import { IN_SUMMARY, lookup, OPT_IN_EXAMPLE, optInTenant, postQueue, statuses, UUID } from './optin-fixtures.js';

describe(`Omeda doors: lookup, methods, paths and hostile input (${DRIVER})`, () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  describe('hostile input', () => {
    it('refuses control characters in text elements and the lookup path, and lists repeated ids once', async () => {
      const t = await optInTenant(gw.url);
      const nul = await postQueue(t, 'optinfilterqueue', {
        DeploymentTypeOptIn: [{ EmailAddress: 'nul@omeda.com', DeploymentTypeId: 4194, Source: 'a\u0000b' }],
      });
      expect(nul.status).toBe(400);
      expect(nul.json().Errors).toEqual([
        {
          Error:
            'DeploymentTypeOptIn submission: the EmailAddress, Source and PromoCode elements must not contain control characters. Email address nul@omeda.com was not opted in.',
        },
        { Error: IN_SUMMARY },
      ]);
      expect(nul.text).not.toContain('\\u0000');
      const email = await postQueue(t, 'optinfilterqueue', {
        DeploymentTypeOptIn: [{ EmailAddress: 'n\u0000l@omeda.com', DeploymentTypeId: 4194 }],
      });
      expect(email.status).toBe(400);
      expect(email.text).not.toContain('\\u0000');
      expect((await lookup(t, 'XXG', 'a\u0000@omeda.com')).json().Errors).toEqual([
        { Error: 'The brand and email address in the path must not contain control characters.' },
      ]);

      const repeated = await postQueue(t, 'optinfilterqueue', {
        DeploymentTypeOptIn: [{ EmailAddress: 'rep@omeda.com', DeploymentTypeId: Array(20_000).fill('46').join(',') }],
      });
      expect(repeated.json().Errors).toHaveLength(2);
      const many = await postQueue(t, 'optinfilterqueue', {
        DeploymentTypeOptIn: [{ EmailAddress: 'many@omeda.com', DeploymentTypeId: Array.from({ length: 150 }, (_, i) => 90_000 + i) }],
      });
      const errors = many.json().Errors as Array<{ Error: string }>;
      expect(errors).toHaveLength(102);
      expect(errors.slice(-2)).toEqual([{ Error: '50 more errors were not listed.' }, { Error: IN_SUMMARY }]);
      expect(await statuses(t, 'many@omeda.com')).toEqual({});
    });

    it('looks up an email of any valid length', async () => {
      const t = await optInTenant(gw.url);
      const email = `${'a'.repeat(120)}@${'b'.repeat(60)}.example.com`;
      expect(
        (await postQueue(t, 'optinfilterqueue', { DeploymentTypeOptIn: [{ EmailAddress: email, DeploymentTypeId: 4194 }] })).status,
      ).toBe(200);
      const res = await lookup(t, 'XXG', email);
      expect(res.status).toBe(200);
      expect(res.json().Filters).toHaveLength(1);
    });
  });

  describe('lookup', () => {
    it('returns the filters of an email in a brand, and 404 when there are none', async () => {
      const t = await optInTenant(gw.url);
      await postQueue(t, 'optinfilterqueue', {
        DeploymentTypeOptIn: [{ EmailAddress: 'look@omeda.com', DeploymentTypeId: [4804], Source: 'Web' }],
      });
      await postQueue(t, 'optoutfilterqueue', { DeploymentTypeOptOut: [{ EmailAddress: 'look@omeda.com', DeploymentTypeId: [4194] }] });
      const res = await lookup(t, 'xxg', 'LOOK@omeda.com');
      expect(res.status).toBe(200);
      const date = '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}';
      expect(res.text).toMatch(
        new RegExp(
          `^\\{"Filters":\\[` +
            `\\{"Source":"Optout API 2","DeploymentTypeId":4194,"Status":"OUT","Brand":"XXG","CreatedDate":"${date}","ChangedDate":"${date}"\\},` +
            `\\{"Source":"Web","DeploymentTypeId":4804,"Status":"IN","Brand":"XXG","CreatedDate":"${date}","ChangedDate":"${date}"\\}` +
            `\\],"EmailAddress":"LOOK@omeda\\.com","Submission":"${UUID}"\\}$`,
        ),
      );
      expect((await lookup(t, 'XXG', 'look@omeda.com', { suffix: '' })).status).toBe(200);
      expect((await lookup(t, 'XXG', 'look@omeda.com', { method: 'HEAD' })).status).toBe(200);
      const xml = await lookup(t, 'XXG', 'look@omeda.com', { contentType: 'application/xml' });
      expect(xml.text).toMatch(
        /^<\?xml version="1\.0" encoding="UTF-8"\?><Response><Filters><Source>Optout API 2<\/Source><DeploymentTypeId>4194<\/DeploymentTypeId><Status>OUT<\/Status><Brand>XXG<\/Brand>/,
      );

      const none = await lookup(t, 'XXH', 'look@omeda.com');
      expect(none.status).toBe(404);
      expect(none.json().Errors).toEqual([{ Error: 'No filters were found for email address look@omeda.com in brand XXH.' }]);
      expect((await lookup(t, 'QQQ', 'look@omeda.com')).json().Errors).toEqual([{ Error: 'Brand QQQ was not found.' }]);
      const unauthorized = await lookup(t, 'NOPE', 'look@omeda.com');
      expect(unauthorized.status).toBe(403);
      expect(unauthorized.json().Errors).toEqual([{ Error: 'The AppId submitted is not authorized for brand NOPE.' }]);
      expect((await lookup(t, 'XXG', 'look@omeda.com', { appId: null })).status).toBe(403);
    });
  });

  describe('methods, paths and bodies', () => {
    it('answers 405 to any method but POST on the queues and but GET on the lookup', async () => {
      const t = await optInTenant(gw.url);
      for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
        const res = await postQueue(t, 'optinfilterqueue', method === 'GET' ? undefined : OPT_IN_EXAMPLE, { method });
        expect(res.status).toBe(405);
        expect(res.allow).toBe('POST');
        expect(res.json().Errors).toEqual([
          { Error: `The ${method} method is not allowed for this resource; use POST.` },
          { Error: IN_SUMMARY },
        ]);
      }
      expect((await postQueue(t, 'optoutfilterqueue', undefined, { method: 'GET', appId: null })).status).toBe(405);
      const post = await lookup(t, 'XXG', 'a@omeda.com', { method: 'POST' });
      expect(post.status).toBe(405);
      expect(post.allow).toBe('GET');
      expect(await statuses(t, 'test66@omeda.com')).toEqual({});
    });

    it('accepts the path with /*, without it and with a trailing slash; another suffix is 404', async () => {
      const t = await optInTenant(gw.url);
      for (const suffix of ['/*', '', '/', '/%2A']) {
        expect((await postQueue(t, 'optinfilterqueue', OPT_IN_EXAMPLE, { suffix })).status).toBe(200);
      }
      const other = await postQueue(t, 'optinfilterqueue', OPT_IN_EXAMPLE, { suffix: '/extra' });
      expect(other.status).toBe(404);
    });

    it('answers malformed JSON and XML, DOCTYPEs and other content types with a 400 in the same shape', async () => {
      const t = await optInTenant(gw.url);
      const cases: Array<[string, string, RegExp]> = [
        ['{"DeploymentTypeOptIn": [', 'application/json', /^The request body is not valid JSON: /],
        ['<OptIn><DeploymentTypeOptIn></OptIn>', 'application/xml', /^The request body is not valid XML: /],
        [
          '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><OptIn><ClientOptIn><EmailAddress>&xxe;</EmailAddress></ClientOptIn></OptIn>',
          'text/xml',
          /^The request body must not contain a DOCTYPE or ENTITY declaration\.$/,
        ],
        [
          'EmailAddress=a@b.com',
          'application/x-www-form-urlencoded',
          /^The content type application\/x-www-form-urlencoded is not supported: send application\/json, application\/xml or text\/xml\.$/,
        ],
        ['[]', 'application/json', /^The submission must contain at least one ClientOptIn, BrandOptIn, DeploymentTypeOptIn element\.$/],
      ];
      for (const [body, contentType, message] of cases) {
        const res = await postQueue(t, 'optinfilterqueue', body, { contentType });
        expect(res.status, body).toBe(400);
        const parsed = contentType.includes('xml') ? null : res.json();
        if (parsed) {
          expect(parsed.Submission).toMatch(new RegExp(`^${UUID}$`));
          expect(parsed.Errors).toHaveLength(2);
          expect(parsed.Errors[0].Error).toMatch(message);
          expect(parsed.Errors[1].Error).toBe(IN_SUMMARY);
        } else {
          const error = /<Errors><Error>(.*?)<\/Error><\/Errors><Errors><Error>(.*?)<\/Error><\/Errors><\/Response>$/.exec(res.text);
          expect(error?.[1]).toMatch(message);
          expect(error?.[2]).toBe(IN_SUMMARY);
        }
      }
      expect(await statuses(t, 'a@b.com')).toEqual({});
    });

    it('names every entry whose form is wrong', async () => {
      const t = await optInTenant(gw.url);
      const res = await postQueue(t, 'optinfilterqueue', {
        ClientOptIn: [{ Source: 'x' }, 'nope'],
        DeploymentTypeOptIn: [
          { EmailAddress: 'not-an-email', DeploymentTypeId: 4194 },
          { EmailAddress: 'a@omeda.com', DeploymentTypeId: ['41x94'], DeleteOptOut: 2 },
          { EmailAddress: 'b@omeda.com' },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.json().Errors.map((e: { Error: string }) => e.Error)).toEqual([
        'ClientOptIn submission 2: each ClientOptIn element must be an object with an EmailAddress.',
        'DeploymentTypeOptIn submission: the DeleteOptOut element must be 0 or 1. Email address a@omeda.com was not opted in.',
        'DeploymentTypeOptIn submission (41x94): the DeploymentTypeId must be a whole number. Email address a@omeda.com was not opted in.',
        'DeploymentTypeOptIn submission: the DeploymentTypeId element is required. Email address b@omeda.com was not opted in.',
        'ClientOptIn submission 1: the EmailAddress element is required.',
        'DeploymentTypeOptIn submission: the EmailAddress not-an-email is not a valid email address. Email address not-an-email was not opted in.',
        IN_SUMMARY,
      ]);
    });
  });
});
