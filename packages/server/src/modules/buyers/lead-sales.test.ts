import { newId } from '../../shared/ids.js';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { initOrm, migrate, type Orm } from '../../db.js';
import { DRIVER, testDatabase, unique } from '../../../test/helpers.js';
import { AccountService } from '../accounts/account.service.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { LeadDoor, LeadStatus } from '../leads/lead-enums.js';
import { Lead } from '../leads/lead.entity.js';
import { Source } from '../sources/source.entity.js';
import { Buyer } from './buyer.entity.js';
import { salesOfLead } from './lead-sales.resolver.js';
import { Sale } from './sale.entity.js';

describe(`Lead.sales (${DRIVER})`, () => {
  let orm: Orm;
  let leads: Lead[];
  let buyers: Buyer[];

  beforeAll(async () => {
    orm = await initOrm(testDatabase());
    await migrate(orm);
    const em = orm.em.fork();
    const account = await new AccountService().createUnchecked(em, { name: 'Market', slug: unique('market') });
    const campaign = em.create(Campaign, { account, name: 'Solar', category: 'Solar', timeZone: 'UTC' });
    const source = em.create(Source, { account, name: 'Vendor', authKeyHash: 'x'.repeat(64), authKeyPreview: 'x' });
    leads = [0, 1, 2].map(() => em.create(Lead, { account, campaign, source, status: LeadStatus.ACCEPTED, door: LeadDoor.GRAPHQL }));
    buyers = [0, 1].map((i) => em.create(Buyer, { account, name: `Buyer ${i}`, priceCents: 1000 }));
    await em.flush();
    const at = Date.now();
    em.create(Sale, { lead: leads[0]!, buyer: buyers[1]!, priceCents: 2500, createdAt: new Date(at) });
    em.create(Sale, { lead: leads[0]!, buyer: buyers[0]!, priceCents: 1500, createdAt: new Date(at + 1000) });
    em.create(Sale, { lead: leads[2]!, buyer: buyers[0]!, priceCents: 900, createdAt: new Date(at) });
    await em.flush();
  });
  afterAll(() => orm.close());

  it("reads the sales of every lead resolved together in one query, each lead's oldest first", async () => {
    const em = orm.em.fork();
    const find = vi.spyOn(em, 'find');
    const [first, second, third] = await Promise.all(leads.map((lead) => salesOfLead(em, lead.id)));
    expect(find).toHaveBeenCalledTimes(1);
    expect(first!.map((s) => [s.buyerId, s.priceCents, s.price])).toEqual([
      [buyers[1]!.id, 2500, 25],
      [buyers[0]!.id, 1500, 15],
    ]);
    expect(second).toEqual([]);
    expect(third!.map((s) => [s.leadId, s.buyerId])).toEqual([[leads[2]!.id, buyers[0]!.id]]);
    // A later read is a new batch that sees later sales.
    const later = newId('sale');
    await em.fork().insert(Sale, { id: later, lead: leads[1]!.id, buyer: buyers[1]!.id, priceCents: 100, createdAt: new Date() });
    expect((await salesOfLead(em, leads[1]!.id)).map((s) => s.id)).toEqual([later]);
    expect(find).toHaveBeenCalledTimes(2);
  });

  it('a lead is sold to a buyer at most once', async () => {
    const em = orm.em.fork();
    await expect(
      em.insert(Sale, { id: newId('sale'), lead: leads[2]!.id, buyer: buyers[0]!.id, priceCents: 1, createdAt: new Date() }),
    ).rejects.toBeInstanceOf(UniqueConstraintViolationException);
  });
});
