import { Readable } from 'node:stream';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { importRows } from './import-rows.js';
import type { DncImportService } from './dnc-import.js';
import { ImportFileInput, ImportLeadsInput, ImportResult } from './import.types.js';
import type { LeadImportService } from './lead-import.js';
import type { OptInImportService } from './optin-import.js';

const mappingOf = (input: { mapping?: Array<{ field: string; column: string }> | null }) =>
  (input.mapping ?? []).map((m) => ({ target: m.field, column: m.column }));

/** Imports of history through GraphQL: small files, the same service as `leadgate import`. */
@Resolver()
export class ImportResolver {
  constructor(
    private readonly leads: LeadImportService,
    private readonly dnc: DncImportService,
    private readonly optIns: OptInImportService,
  ) {}

  @Mutation(() => ImportResult, {
    description:
      'Imports past leads (CSV or JSON lines) into a campaign, so duplicate windows, caps and dashboards count them. Idempotent: importing a file again stores nothing twice. ADMIN key.',
  })
  async importLeads(@Arg('input', () => ImportLeadsInput) input: ImportLeadsInput, @Ctx() ctx: RequestContext): Promise<ImportResult> {
    const summary = await this.leads.run(
      ctx,
      {
        campaignId: input.campaignId,
        sourceId: input.sourceId,
        mapping: mappingOf(input),
      },
      importRows(Readable.from([input.content]), input.format),
    );
    return Object.assign(new ImportResult(), summary);
  }

  @Mutation(() => ImportResult, {
    description:
      'Imports DNC numbers (phone_number, campaign_id: 0 account-wide, -1 purpose, else a dialer campaign; reason, purpose, insert_date). A number already on its list is kept as it is. ADMIN key.',
  })
  async importDncNumbers(@Arg('input', () => ImportFileInput) input: ImportFileInput, @Ctx() ctx: RequestContext): Promise<ImportResult> {
    const summary = await this.dnc.run(
      ctx,
      { accountId: input.accountId, mapping: mappingOf(input) },
      importRows(Readable.from([input.content]), input.format),
    );
    return Object.assign(new ImportResult(), summary);
  }

  @Mutation(() => ImportResult, {
    description:
      'Imports opt-in and opt-out states (email, deployment_type_id, status IN or OUT, source, changed_at). A state set at that time or later is kept. ADMIN key.',
  })
  async importOptIns(@Arg('input', () => ImportFileInput) input: ImportFileInput, @Ctx() ctx: RequestContext): Promise<ImportResult> {
    const summary = await this.optIns.run(
      ctx,
      { accountId: input.accountId, mapping: mappingOf(input) },
      importRows(Readable.from([input.content]), input.format),
    );
    return Object.assign(new ImportResult(), summary);
  }
}
