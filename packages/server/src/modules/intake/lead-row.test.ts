import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../config.js';
import { initOrm, type Orm } from '../../db.js';
import { RowWriter } from '../../store/index.js';
import { deliveryRows } from '../delivery/outbox.js';
import { normalizeLead } from '../fields/normalize.js';
import { LeadDecision } from '../leads/lead-decision.js';
import { LeadDoor, LeadStatus } from '../leads/lead-enums.js';
import { leadRow } from './intake.service.js';
import type { TxContext } from './rules/lead-rule.js';

/**
 * The lead store writes rows with statements built from the entity metadata, column by column
 * from the properties a row carries: a row builder that forgot a new column would store NULL
 * (or fail) silently. These rows must carry every column.
 */
describe('rows the intake writes cover every column of their table', () => {
  let orm: Orm;
  let writer: RowWriter;
  beforeAll(async () => {
    orm = await initOrm(parseDatabaseUrl('sqlite::memory:'));
    writer = new RowWriter(orm.getMetadata(), 'sqlite');
  });
  afterAll(() => orm.close());

  it('Lead', () => {
    const ctx = {
      leadId: 'lead_x',
      campaign: { id: 'cmp_x', account: { id: 'acc_x' } },
      source: { id: 'src_x' },
      now: new Date(),
    } as unknown as TxContext;
    const decision = LeadDecision.of({
      status: LeadStatus.ACCEPTED,
      reasonCode: null,
      message: '',
      priceCents: 100,
      leadId: 'lead_x',
      isTest: false,
    });
    const row = leadRow(
      { campaignId: 'cmp_x', fields: {}, test: false, door: LeadDoor.GRAPHQL },
      normalizeLead({ fields: {} }),
      ctx,
      decision,
      [],
    );
    expect(Object.keys(row).sort()).toEqual(writer.propertiesOf('Lead').sort());
  });

  it('Delivery', () => {
    const [row] = deliveryRows('acc_x', 'lead_x', [{ id: 'dst_x', maxAttempts: 3 } as never], new Date());
    expect(Object.keys(row!).sort()).toEqual(writer.propertiesOf('Delivery').sort());
  });
});
