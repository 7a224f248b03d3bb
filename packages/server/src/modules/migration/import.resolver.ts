import { Readable } from 'node:stream';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { importRows } from './import-rows.js';
import { ImportLeadsInput, ImportResult } from './import.types.js';
import type { LeadImportService } from './lead-import.js';

/** Imports of history through GraphQL: small files, the same service as `leadgate import`. */
@Resolver()
export class ImportResolver {
  constructor(private readonly leads: LeadImportService) {}

  @Mutation(() => ImportResult, {
    description: 'Imports past leads (CSV or JSON lines) into a campaign, so duplicate windows, caps and dashboards count them. Idempotent: importing a file again stores nothing twice. ADMIN key.',
  })
  async importLeads(@Arg('input', () => ImportLeadsInput) input: ImportLeadsInput, @Ctx() ctx: RequestContext): Promise<ImportResult> {
    const summary = await this.leads.run(ctx, {
      campaignId: input.campaignId, sourceId: input.sourceId, mapping: (input.mapping ?? []).map((m) => ({ target: m.field, column: m.column })),
    }, importRows(Readable.from([input.content]), input.format));
    return Object.assign(new ImportResult(), summary);
  }
}
