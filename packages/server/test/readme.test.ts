/**
 * The README's front page, run as a newcomer runs it: its run command (`npx --yes pnpm@10 start`)
 * on an empty database, then every shell block of its tour, in order, in one shell, with the
 * values the banner printed in the export line. Each `# ` line under a block is what it must print
 * (`…` stands for what differs from run to run). The README cannot go stale without this failing.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DRIVER, freshDatabaseUrl } from './helpers.js';
import { root, startWithPnpm } from './pnpm-start.js';

const README = readFileSync(join(root, 'README.md'), 'utf8');

/** The shell blocks of one `## ` section: their script and the `# ` lines they must print. */
function blocks(section: string): Array<{ script: string; expected: string[] }> {
  const start = README.indexOf(`## ${section}`);
  const text = README.slice(start, README.indexOf('\n## ', start + 1));
  return [...text.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => {
    const lines = m[1]!.split('\n').filter(Boolean);
    return {
      script: lines.filter((l) => !l.startsWith('# ')).join('\n'),
      expected: lines.filter((l) => l.startsWith('# ')).map((l) => l.slice(2)),
    };
  });
}

/** `expected` as a pattern: `…` is anything. */
const pattern = (expected: string) =>
  new RegExp(
    `^${expected
      .split('…')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*?')}$`,
  );

describe(`the README's run command and tour (${DRIVER})`, () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('has its two commands, at most 200 lines', () => {
    expect(README.split('\n').length).toBeLessThanOrEqual(200);
    expect(blocks('Run it').map((b) => b.script)).toEqual([
      'npx --yes pnpm@10 install && npx --yes pnpm@10 start',
      'npx --yes pnpm@10 install && npx --yes pnpm@10 test',
    ]);
  });

  it('links only to files and headings that exist (README, docs/, the SDK and example READMEs, CONTRIBUTING)', () => {
    const docs = readdirSync(join(root, 'docs'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.md'))
      .map((f) => join(root, 'docs', f));
    const pages = [
      ...docs,
      ...['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', 'packages/sdk/README.md', 'examples/legacy-vendor-curl/README.md'].map((f) =>
        join(root, f),
      ),
    ];
    // GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes.
    const anchors = (file: string) =>
      new Set(
        [...readFileSync(file, 'utf8').matchAll(/^#+ (.+)$/gm)].map((m) =>
          m[1]!
            .toLowerCase()
            .replace(/[^\w\s-]/g, '')
            .trim()
            .replace(/\s/g, '-'),
        ),
      );
    const broken: string[] = [];
    for (const page of pages) {
      const text = readFileSync(page, 'utf8').replace(/^```[\s\S]*?^```$/gm, '');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:)/.test(target!)) continue;
        const [path, anchor] = target!.split('#');
        const file = path ? join(dirname(page), path) : page;
        if (path && !existsSync(file)) broken.push(`${relative(root, page)}: ${target}`);
        else if (anchor && existsSync(file) && file.endsWith('.md') && !anchors(file).has(anchor))
          broken.push(`${relative(root, page)}: ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('starts with the run command, then every tour block prints what the README says', async () => {
    const db = await freshDatabaseUrl();
    cleanups.push(db.drop);
    const gw = await startWithPnpm({ DATABASE_URL: db.url });
    cleanups.push(() => gw.child.exitCode === null && gw.interrupt());
    const banner = gw.output();
    const printed = (label: string, value: RegExp) => new RegExp(`${label}\\s+(${value.source})`).exec(banner)![1]!;
    const values: Record<string, string> = {
      LEADGATE: gw.url,
      SOURCE_KEY: printed('source API key', /lgk_\w+/),
      READER_KEY: printed('reader key', /lgk_\w+/),
      CAMPAIGN: printed('campaign', /cmp_\w+/),
      SOURCE: printed('source', /src_\w+/),
      AUTH: printed('source auth key', /lgs_\w+/),
      INSTRUCTIONS: /posting instructions: (\S+)/.exec(banner)![1]!,
    };

    const tour = blocks('A five-minute tour');
    expect(tour.length).toBeGreaterThanOrEqual(6);
    const [exports, ...steps] = tour;
    // Only the values change: the reader pastes theirs there.
    const setup = exports!.script.replace(/\b([A-Z_]+)=\S+/g, (_m, name: string) => {
      expect(values[name], `the banner gives ${name}`).toBeDefined();
      return `${name}=${values[name]}`;
    });
    const script = [setup, ...steps.map((step, i) => `echo '@@ ${i}'\n${step.script}`)].join('\n');
    const { stdout } = await promisify(execFile)('bash', ['-c', `set -euo pipefail\n${script}`], { encoding: 'utf8', timeout: 60_000 });
    const outputs = stdout
      .split(/^@@ \d+\n/m)
      .slice(1)
      .map((chunk) => chunk.split('\n').filter(Boolean));
    expect(outputs).toHaveLength(steps.length);
    steps.forEach((step, i) => {
      expect(outputs[i]!.length, step.script).toBe(step.expected.length);
      step.expected.forEach((line, j) => {
        expect(outputs[i]![j], step.script).toMatch(pattern(line));
      });
    });
    expect(await gw.interrupt()).toBe(0);
  }, 240_000);
});
