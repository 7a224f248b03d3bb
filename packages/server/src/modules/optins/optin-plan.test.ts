import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { OptInLevel, OptInQueue, OptStatus } from './optin-enums.js';
import { applyTargets, MAX_CHANGES_PER_SUBMISSION, planTargets, statusKey, type CatalogType, type OptInCatalog } from './optin-plan.js';

const type = (id: string, typeId: number, brandId: string, active = true): CatalogType => ({ id, typeId, brandId, active });
const TYPES = [type('t1', 1, 'bA'), type('t2', 2, 'bA'), type('t3', 3, 'bB'), type('t4', 4, 'bB', false), type('t9', 9, 'bZ')];
const catalog = (authorized = ['bA', 'bB']): OptInCatalog => ({
  brandIdsByAbbreviation: new Map([
    ['AAA', 'bA'],
    ['BBB', 'bB'],
    ['ZZZ', 'bZ'],
  ]),
  typesByNumber: new Map(TYPES.map((t) => [t.typeId, t])),
  authorizedBrandIds: new Set(authorized),
});

describe('planTargets', () => {
  it('expands client level to the active types of authorized brands, brand level to its active types, listed types exactly', () => {
    const { errors, targets } = planTargets(
      {
        queue: OptInQueue.OPT_IN,
        entries: [
          { level: OptInLevel.DEPLOYMENT_TYPE, email: 'D@X.co', deploymentTypeIds: [4, 1, 1] },
          { level: OptInLevel.CLIENT, email: ' c@x.co ' },
          { level: OptInLevel.BRAND, email: 'b@x.co', brands: ['bbb'] },
        ],
      },
      catalog(),
    );
    expect(errors).toEqual([]);
    // Client, then brand, then deployment-type entries; a type listed twice in one entry is written once.
    expect(targets.map((t) => [t.email, t.type.typeId])).toEqual([
      ['c@x.co', 1],
      ['c@x.co', 2],
      ['c@x.co', 3],
      ['b@x.co', 3],
      ['d@x.co', 4],
      ['d@x.co', 1],
    ]);
  });

  it('reports every failing item and plans nothing', () => {
    const { errors, targets } = planTargets(
      {
        queue: OptInQueue.OPT_OUT,
        problems: ['from the door'],
        entries: [
          { level: OptInLevel.DEPLOYMENT_TYPE, email: 'a@x.co', deploymentTypeIds: [1, 9, 77] },
          { level: OptInLevel.BRAND, email: 'a@x.co', brands: ['ZZZ', 'AAA'] },
          { level: OptInLevel.CLIENT, email: 'nope' },
          { level: OptInLevel.CLIENT, email: '' },
          { level: OptInLevel.CLIENT, email: 'ok@x.co', source: 'x'.repeat(256) },
        ],
      },
      catalog(),
    );
    expect(targets).toEqual([]);
    expect(errors).toEqual([
      'from the door',
      'ClientOptOut submission: the EmailAddress nope is not a valid email address. Email address nope was not opted out.',
      'ClientOptOut submission 2: the EmailAddress element is required.',
      'ClientOptOut submission: the Source element must be at most 255 characters. Email address ok@x.co was not opted out.',
      'BrandOptOut submission (ZZZ): the BrandId is not authorized for OptOuts for the AppId submitted. Email address a@x.co was not opted out.',
      'DeploymentTypeOptOut submission (9): the DeploymentTypeId is not authorized for OptOuts for the AppId submitted. Email address a@x.co was not opted out.',
      'DeploymentTypeOptOut submission (77): the DeploymentTypeId is not authorized for OptOuts for the AppId submitted. Email address a@x.co was not opted out.',
    ]);
  });

  it('refuses client level once when no authorized brand has an active type, and brand level on a brand without one', () => {
    const noTypes: OptInCatalog = { ...catalog(['bB']), typesByNumber: new Map([[4, TYPES[3]!]]) };
    const client = { level: OptInLevel.CLIENT, email: 'a@x.co' };
    expect(planTargets({ queue: OptInQueue.OPT_IN, entries: [client, client] }, noTypes).errors).toEqual([
      'There are currently no valid brands associated for the client submitted.',
    ]);
    expect(
      planTargets({ queue: OptInQueue.OPT_IN, entries: [{ level: OptInLevel.BRAND, email: 'a@x.co', brands: ['BBB'] }] }, noTypes).errors,
    ).toEqual(['BrandOptIn submission (BBB): the BrandId has no active deployment types. Email address a@x.co was not opted in.']);
  });

  it('refuses an empty submission and one beyond the write limit', () => {
    expect(planTargets({ queue: OptInQueue.OPT_IN, entries: [] }, catalog()).errors).toEqual([
      'The submission must contain at least one ClientOptIn, BrandOptIn, DeploymentTypeOptIn element.',
    ]);
    const many = Array.from({ length: MAX_CHANGES_PER_SUBMISSION / 3 + 1 }, (_, i) => ({ level: OptInLevel.CLIENT, email: `u${i}@x.co` }));
    expect(planTargets({ queue: OptInQueue.OPT_IN, entries: many }, catalog()).errors).toEqual([
      `The submission would write more than ${MAX_CHANGES_PER_SUBMISSION} filters; split it into smaller submissions.`,
    ]);
  });
});

describe('applyTargets', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const earlier = new Date('2026-01-01T00:00:00Z');
  const t1 = TYPES[0]!;
  const t2 = TYPES[1]!;

  it('keeps an OUT without DeleteOptOut (a message), replaces it with DeleteOptOut, and writes IN elsewhere', () => {
    const current = new Map([[statusKey('t1', 'a@x.co'), { status: OptStatus.OUT, createdAt: earlier }]]);
    const keep = { level: OptInLevel.BRAND, email: 'A@x.co' };
    const replace = { level: OptInLevel.DEPLOYMENT_TYPE, email: 'a@x.co', deleteOptOut: true, source: 'Form', promoCode: ' P1 ' };
    const result = applyTargets(
      OptInQueue.OPT_IN,
      [
        { entry: keep, email: 'a@x.co', type: t1 },
        { entry: keep, email: 'a@x.co', type: t2 },
        { entry: replace, email: 'a@x.co', type: t1 },
      ],
      current,
      now,
    );
    expect(result.messages).toEqual([
      'BrandOptIn submission: the DeleteOptOut element was not set to delete OptOuts. Email address A@x.co already has an OptOut and it was not Opted In for deployment type id 1.',
    ]);
    expect(result.changes.map((c) => [c.type.typeId, c.previousStatus, c.status, c.source, c.promoCode])).toEqual([
      [2, null, OptStatus.IN, 'Optin API 2', null],
      [1, OptStatus.OUT, OptStatus.IN, 'Form', 'P1'],
    ]);
    expect(result.statuses.get(statusKey('t1', 'a@x.co'))).toMatchObject({ status: OptStatus.IN, createdAt: earlier, existed: true });
    expect(result.statuses.get(statusKey('t2', 'a@x.co'))).toMatchObject({ status: OptStatus.IN, createdAt: now, existed: false });
  });

  it('always writes OUT on opt-out, and later writes of a submission see earlier ones', () => {
    const entry = { level: OptInLevel.CLIENT, email: 'a@x.co' };
    const inThenOut = applyTargets(
      OptInQueue.OPT_OUT,
      [
        { entry, email: 'a@x.co', type: t1 },
        { entry, email: 'a@x.co', type: t1 },
      ],
      new Map([[statusKey('t1', 'a@x.co'), { status: OptStatus.IN, createdAt: earlier }]]),
      now,
    );
    expect(inThenOut.changes.map((c) => [c.previousStatus, c.status, c.source])).toEqual([
      [OptStatus.IN, OptStatus.OUT, 'Optout API 2'],
      [OptStatus.OUT, OptStatus.OUT, 'Optout API 2'],
    ]);
    expect(inThenOut.messages).toEqual([]);
  });
});
