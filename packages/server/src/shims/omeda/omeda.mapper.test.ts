import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { OptInLevel, OptInQueue, OptStatus } from '../../modules/optins/index.js';
import {
  errorBody,
  lookupBody,
  OmedaBodyError,
  omedaDate,
  optInSuccessBody,
  optOutSuccessBody,
  parseOmedaBody,
  renderReply,
  toOptInRequest,
} from './omeda.mapper.js';

describe('parseOmedaBody', () => {
  it('reads JSON, and an empty body as an empty submission', () => {
    expect(parseOmedaBody('{"ClientOptIn":[{"EmailAddress":"a@b.co"}]}', 'json')).toEqual({ ClientOptIn: [{ EmailAddress: 'a@b.co' }] });
    expect(parseOmedaBody('  ', 'json')).toEqual({});
    expect(() => parseOmedaBody('{"a":', 'json')).toThrow(OmedaBodyError);
  });

  it('maps XML: the root is the body, elements are keys, repeated elements are lists, text stays text', () => {
    const xml = `<?xml version="1.0"?><Anything><DeploymentTypeOptIn id="ignored"><EmailAddress> a@b.co </EmailAddress>
      <DeploymentTypeId>4194</DeploymentTypeId><DeploymentTypeId>4804</DeploymentTypeId><Source>A &amp; B &#64; C</Source><PromoCode/></DeploymentTypeOptIn></Anything>`;
    expect(parseOmedaBody(xml, 'xml')).toEqual({
      DeploymentTypeOptIn: { EmailAddress: 'a@b.co', DeploymentTypeId: ['4194', '4804'], Source: 'A & B @ C', PromoCode: '' },
    });
    expect(parseOmedaBody('<OptOut/>', 'xml')).toEqual({});
  });

  it('refuses malformed XML, several roots and any DOCTYPE or ENTITY declaration', () => {
    expect(() => parseOmedaBody('<a><b></a>', 'xml')).toThrow(/^The request body is not valid XML: /);
    expect(() => parseOmedaBody('<a/><b/>', 'xml')).toThrow(/not valid XML/);
    expect(() => parseOmedaBody('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', 'xml')).toThrow(
      'The request body must not contain a DOCTYPE or ENTITY declaration.',
    );
    expect(() => parseOmedaBody('<!doctype a SYSTEM "http://example.com/a.dtd"><a/>', 'xml')).toThrow(/DOCTYPE/);
  });
});

describe('toOptInRequest', () => {
  it('maps every level, in the forms real clients send', () => {
    const request = toOptInRequest(OptInQueue.OPT_IN, {
      ClientOptIn: { EmailAddress: 'c@x.co', DeleteOptOut: '1' },
      BrandOptIn: [{ EmailAddress: 'b@x.co', BrandId: 'XXG', Source: 'S', PromoCode: 42 }],
      DeploymentTypeOptIn: [
        { EmailAddress: 'd@x.co', DeploymentTypeId: [4194, '4804'], DeleteOptOut: 1 },
        { EmailAddress: 'e@x.co', DeploymentTypeId: '23,25', DeleteOptOut: 0 },
        { EmailAddress: 'f@x.co', DeploymentTypeId: 7, DeleteOptOut: false },
      ],
      Unknown: 'ignored',
    });
    expect(request.problems).toEqual([]);
    expect(request.entries).toEqual([
      { level: OptInLevel.CLIENT, position: 1, email: 'c@x.co', source: null, promoCode: null, deleteOptOut: true },
      { level: OptInLevel.BRAND, position: 1, email: 'b@x.co', source: 'S', promoCode: '42', brands: ['XXG'] },
      {
        level: OptInLevel.DEPLOYMENT_TYPE,
        position: 1,
        email: 'd@x.co',
        source: null,
        promoCode: null,
        deleteOptOut: true,
        deploymentTypeIds: [4194, 4804],
      },
      {
        level: OptInLevel.DEPLOYMENT_TYPE,
        position: 2,
        email: 'e@x.co',
        source: null,
        promoCode: null,
        deleteOptOut: false,
        deploymentTypeIds: [23, 25],
      },
      {
        level: OptInLevel.DEPLOYMENT_TYPE,
        position: 3,
        email: 'f@x.co',
        source: null,
        promoCode: null,
        deleteOptOut: false,
        deploymentTypeIds: [7],
      },
    ]);
  });

  it('reads the opt-out levels and ignores DeleteOptOut there', () => {
    const request = toOptInRequest(OptInQueue.OPT_OUT, {
      ClientOptOut: [{ EmailAddress: 'a@x.co', DeleteOptOut: 'bogus' }],
      BrandOptOut: [{ EmailAddress: 'b@x.co', BrandId: ['XXH', 'XXL'] }],
      DeploymentTypeOptIn: [{ EmailAddress: 'ignored@x.co', DeploymentTypeId: 1 }],
    });
    expect(request.problems).toEqual([]);
    expect(request.entries.map((e) => [e.level, e.email, e.brands])).toEqual([
      [OptInLevel.CLIENT, 'a@x.co', undefined],
      [OptInLevel.BRAND, 'b@x.co', ['XXH', 'XXL']],
    ]);
  });

  it('names each entry whose form is wrong and keeps the others', () => {
    const request = toOptInRequest(OptInQueue.OPT_OUT, {
      ClientOptOut: 'a@x.co',
      BrandOptOut: [{ EmailAddress: 'b@x.co' }, { EmailAddress: ['x'] }, { EmailAddress: 'c@x.co', BrandId: [{}] }],
      DeploymentTypeOptOut: [
        { EmailAddress: 'd@x.co', DeploymentTypeId: [1, -2, 1.5, 'x', 99999999999] },
        { EmailAddress: 'e@x.co', DeploymentTypeId: 5, Source: {} },
        { EmailAddress: 'f@x.co', DeploymentTypeId: 6 },
      ],
    });
    expect(request.problems).toEqual([
      'ClientOptOut submission 1: each ClientOptOut element must be an object with an EmailAddress.',
      'BrandOptOut submission: the BrandId element is required. Email address b@x.co was not opted out.',
      'BrandOptOut submission 2: the EmailAddress element must be text.',
      'BrandOptOut submission: the BrandId element must be a brand abbreviation or a list of them. Email address c@x.co was not opted out.',
      'DeploymentTypeOptOut submission (-2): the DeploymentTypeId must be a whole number. Email address d@x.co was not opted out.',
      'DeploymentTypeOptOut submission (1.5): the DeploymentTypeId must be a whole number. Email address d@x.co was not opted out.',
      'DeploymentTypeOptOut submission (x): the DeploymentTypeId must be a whole number. Email address d@x.co was not opted out.',
      'DeploymentTypeOptOut submission (99999999999): the DeploymentTypeId must be a whole number. Email address d@x.co was not opted out.',
      'DeploymentTypeOptOut submission: the Source element must be text. Email address e@x.co was not opted out.',
    ]);
    expect(request.entries.map((e) => e.email)).toEqual(['f@x.co']);
  });

  it('refuses a body that is not an object', () => {
    expect(toOptInRequest(OptInQueue.OPT_IN, ['x']).problems).toEqual([
      'The submission must contain at least one ClientOptIn, BrandOptIn, DeploymentTypeOptIn element.',
    ]);
  });
});

describe('replies', () => {
  const id = '1be32302-8cbc-4106-96db-e79e17de6490';

  it("print the documented bodies, keys in Omeda's order", () => {
    expect(JSON.stringify(optInSuccessBody(id, []))).toBe(`{"Submission":"${id}","Success":"Your submission was successful"}`);
    expect(JSON.stringify(optInSuccessBody(id, ['m']))).toBe(
      `{"Messages":[{"Message":"m"}],"Submission":"${id}","Success":"Your submission was successful"}`,
    );
    expect(JSON.stringify(optOutSuccessBody(id))).toBe(`{"SubmissionId":"${id}","Success":"Your submission was successful"}`);
    expect(JSON.stringify(errorBody(id, ['a', 'b']))).toBe(`{"Submission":"${id}","Errors":[{"Error":"a"},{"Error":"b"}]}`);
  });

  it('print the lookup with Omeda datetimes, on US Central time unless told another zone', () => {
    const at = new Date('2026-11-23T14:05:09.123Z');
    const summer = new Date('2026-07-01T14:05:09Z');
    expect(omedaDate(at, 'America/Chicago')).toBe('2026-11-23 08:05:09');
    expect(omedaDate(summer, 'America/Chicago')).toBe('2026-07-01 09:05:09');
    expect(omedaDate(at, 'UTC')).toBe('2026-11-23 14:05:09');
    expect(
      lookupBody(
        id,
        'A@b.co',
        [{ source: 'Web', typeId: 4194, status: OptStatus.IN, brand: 'XXG', createdAt: at, changedAt: summer }],
        'America/Chicago',
      ),
    ).toEqual({
      Filters: [
        {
          Source: 'Web',
          DeploymentTypeId: 4194,
          Status: 'IN',
          Brand: 'XXG',
          CreatedDate: '2026-11-23 08:05:09',
          ChangedDate: '2026-07-01 09:05:09',
        },
      ],
      EmailAddress: 'A@b.co',
      Submission: id,
    });
  });

  it('render XML by the request mapping, escaped', () => {
    expect(renderReply(errorBody(id, ['<a> & b', 'c\u0001']), 'xml')).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><Response><Submission>${id}</Submission><Errors><Error>&lt;a&gt; &amp; b</Error></Errors><Errors><Error>c\uFFFD</Error></Errors></Response>`,
    );
    expect(parseOmedaBody(renderReply(optInSuccessBody(id, ['x', 'y']), 'xml'), 'xml')).toEqual({
      Messages: [{ Message: 'x' }, { Message: 'y' }],
      Submission: id,
      Success: 'Your submission was successful',
    });
  });
});
