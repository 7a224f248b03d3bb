/**
 * The partner's real path: pack the SDK, install the tarball into a fresh npm project outside
 * the workspace, compile a strict TypeScript script and every snippet of the SDK README against
 * it with tsc, and run the script and the README's quick start against a live gateway.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildSchema, isEnumType, isInputObjectType } from 'graphql';
import { loadConfig, startGateway, type RunningGateway } from '@leadgate/server';
import { tempDatabase } from './temp-database.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const SDK_DIR = fileURLToPath(new URL('..', import.meta.url));
const SCHEMA = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const PLATFORM_KEY = 'lgk_test_package_platform_key_0123456789';

/** The pnpm running this test, or the one the README uses. */
function pnpm(): [string, string[]] {
  const execPath = process.env.npm_execpath;
  return execPath && /pnpm/.test(execPath) ? [process.execPath, [execPath]] : ['npx', ['--yes', 'pnpm@10']];
}

/** npm with the environment of a partner's shell: none of pnpm's npm_config_* settings. */
function partnerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  return { ...env, ...extra };
}

/** The ```ts blocks of the README, in order. */
function readmeSnippets(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

// What the README says the snippets after the quick start have: a client and a campaign id.
function withContext(snippet: string): string {
  const context = [
    "import type * as LeadgateSdk from '@leadgate/sdk';",
    /\b(const|let)\s+leadgate\b/.test(snippet) ? '' : 'declare const leadgate: LeadgateSdk.LeadgateClient;',
    /\b(const|let)\s+campaignId\b/.test(snippet) ? '' : 'declare const campaignId: string;',
  ];
  return `${context.filter(Boolean).join('\n')}\n${snippet}\nexport {};\n`;
}

const PARTNER_SCRIPT = `
import { createClient, ConflictError, InvalidInputError, type LeadDecisionFieldsFragment, type SubmitLeadInput } from '@leadgate/sdk';

const url = process.env.LEADGATE_URL!;
const platform = createClient({ url, apiKey: process.env.LEADGATE_ADMIN_KEY! });
const account = await platform.createAccount({ input: { name: 'Partner Co', timeZone: 'America/Denver' } });
const campaign = await platform.createCampaign({ input: { accountId: account.id, name: 'Roofing', category: 'Home', requiredFields: ['phone', 'zip'] } });
const { source } = await platform.createSource({ input: { accountId: account.id, name: 'Partner feed' } });
await platform.approveSource({ input: { sourceId: source.id, campaignId: campaign.id } });
const { key } = await platform.createApiKey({ input: { accountId: account.id, role: 'SOURCE', sourceId: source.id } });

const vendor = createClient({ url, apiKey: key });
const decisions: LeadDecisionFieldsFragment[] = [];
for (const zip of ['80202', '80203', '80204']) {
  const input: SubmitLeadInput = { campaignId: campaign.id, phone: '(303) 555-01' + zip.slice(3), zip };
  decisions.push(await vendor.submitLead({ input }, { idempotencyKey: 'partner-' + zip }));
}
const replay = await vendor.submitLead({ input: { campaignId: campaign.id, phone: '(303) 555-0102', zip: '80202' } }, { idempotencyKey: 'partner-80202' });
let conflict = '';
try {
  await vendor.submitLead({ input: { campaignId: campaign.id, phone: '(303) 555-0199', zip: '80202' } }, { idempotencyKey: 'partner-80202' });
} catch (error) {
  if (error instanceof ConflictError) conflict = error.code;
}
let invalid = '';
try {
  await platform.createCampaign({ input: { accountId: account.id, name: '', category: 'Home' } });
} catch (error) {
  if (error instanceof InvalidInputError) invalid = error.field ?? '';
}
const paged: string[] = [];
for await (const lead of platform.paginate.leads({ filter: { campaignId: campaign.id } }, { pageSize: 2 })) paged.push(lead.zip ?? '');
console.log(JSON.stringify({ statuses: decisions.map((d) => d.status), replayed: replay.leadId === decisions[0]!.leadId, conflict, invalid, paged }));
`;

describe('the packed SDK in a fresh npm project', () => {
  let gateway: RunningGateway;
  let demo = { campaignId: '', sourceApiKey: '' };
  let project: string;

  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), 'leadgate-partner-'));
    let banner = '';
    gateway = await startGateway(
      { ...loadConfig({}), port: 0, host: '127.0.0.1', adminKey: PLATFORM_KEY, logLevel: 'silent', database: tempDatabase() },
      { print: (text) => void (banner += text) },
    );
    demo = {
      campaignId: /\bcampaign\s+(cmp_\w+)/.exec(banner)![1]!,
      sourceApiKey: /\bsource API key\s+(lgk_\w+)/.exec(banner)![1]!,
    };
  }, 120_000);

  afterAll(async () => {
    await gateway?.close();
    if (project) await rm(project, { recursive: true, force: true });
  });

  it('packs, installs, compiles strictly and runs', async () => {
    const [command, prefix] = pnpm();
    await run(command, [...prefix, 'pack', '--pack-destination', project], { cwd: SDK_DIR });
    const tarball = (await readdir(project)).find((f) => f.endsWith('.tgz'));
    expect(tarball).toMatch(/^leadgate-sdk-\d+\.\d+\.\d+\.tgz$/);
    const { stdout: listing } = await run('tar', ['-tzf', join(project, tarball!)]);
    expect(listing).toContain('package/dist/index.js');
    expect(listing).toContain('package/dist/index.d.ts');
    expect(listing).toContain('package/README.md');
    expect(listing).not.toMatch(/package\/(src|test)\//);

    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'partner-app', private: true, type: 'module' }));
    await run('npm', ['install', `./${tarball}`, '@types/node@20', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
      cwd: project,
      env: partnerEnv(),
      timeout: 180_000,
    });
    const installed = JSON.parse(await readFile(join(project, 'node_modules/@leadgate/sdk/package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(installed.private).toBeUndefined();
    expect(installed.type).toBe('module');

    // The script, every README snippet, and a file naming every input and enum of the schema.
    await mkdir(join(project, 'src'));
    await writeFile(join(project, 'src/partner.ts'), PARTNER_SCRIPT);
    const snippets = readmeSnippets(await readFile(join(SDK_DIR, 'README.md'), 'utf8'));
    expect(snippets.length).toBeGreaterThanOrEqual(8);
    await writeFile(join(project, 'src/readme-1.ts'), `${snippets[0]}\nexport {};\n`);
    for (const [i, snippet] of snippets.entries()) {
      if (i > 0) await writeFile(join(project, `src/readme-${i + 1}.ts`), withContext(snippet));
    }
    const schema = buildSchema(await readFile(SCHEMA, 'utf8'));
    const named = Object.values(schema.getTypeMap())
      .filter((t) => !t.name.startsWith('__') && (isInputObjectType(t) || isEnumType(t)))
      .map((t) => t.name);
    expect(named.length).toBeGreaterThan(40);
    await writeFile(
      join(project, 'src/exports.ts'),
      `import type { ${named.join(', ')} } from '@leadgate/sdk';\nexport type Everything = [${named.join(', ')}];\n`,
    );
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
          skipLibCheck: false,
          types: ['node'],
          outDir: 'dist',
          rootDir: 'src',
        },
        include: ['src'],
      }),
    );
    const compiled = await run(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: project }).catch(
      (error: { stdout: string }) => error,
    );
    expect(compiled.stdout).toBe('');

    const env = partnerEnv({ LEADGATE_URL: `${gateway.url}/graphql`, LEADGATE_ADMIN_KEY: PLATFORM_KEY });
    const { stdout } = await run(process.execPath, ['dist/partner.js'], { cwd: project, env });
    expect(JSON.parse(stdout)).toEqual({
      statuses: ['ACCEPTED', 'ACCEPTED', 'ACCEPTED'],
      replayed: true,
      conflict: 'CONFLICT',
      invalid: 'name',
      paged: ['80204', '80203', '80202'],
    });

    // The README's quick start, with the demo data the gateway printed.
    const quick = await run(process.execPath, ['dist/readme-1.js'], {
      cwd: project,
      env: partnerEnv({
        LEADGATE_URL: `${gateway.url}/graphql`,
        LEADGATE_API_KEY: demo.sourceApiKey,
        LEADGATE_CAMPAIGN_ID: demo.campaignId,
      }),
    });
    expect(quick.stdout).toMatch(/^ACCEPTED lead_\w+ 12\.5\n$/);
  }, 300_000);
});
