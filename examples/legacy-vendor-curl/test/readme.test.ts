import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
/**
 * This folder's README, pasted as a reader pastes it: its ```sh blocks in order, in one shell,
 * with the demo values in the export lines; every `# ` line under a command is what it must print.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadConfig, seedDemoData, startGateway, type DemoData, type RunningGateway } from '@leadgate/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('..', import.meta.url));

interface Step {
  command: string;
  expected: string[];
}

/** The README's shell blocks as commands, each with the `# ` lines that follow it. */
function steps(markdown: string): Step[] {
  const blocks = [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  const out: Step[] = [];
  for (const line of blocks.join('').split('\n')) {
    if (line.startsWith('# ')) out.at(-1)!.expected.push(line.slice(2));
    else if (line.trim()) out.push({ command: line, expected: [] });
  }
  return out;
}

/** A fresh SQLite file (the gateway's lead store opens the file itself, so not `:memory:`). */
function tempDatabase(): { kind: 'sqlite'; url: string; name: string } {
  const name = join(mkdtempSync(join(tmpdir(), 'leadgate-example-')), 'leadgate.sqlite');
  return { kind: 'sqlite', url: `sqlite:${name}`, name };
}

describe('the legacy vendor README, pasted in order', () => {
  let gateway: RunningGateway;
  let demo: DemoData;
  beforeAll(async () => {
    gateway = await startGateway(
      { ...loadConfig({}), port: 0, logLevel: 'silent', database: tempDatabase() },
      { demo: false, print: () => undefined },
    );
    demo = (await seedDemoData(gateway.orm.em.fork(), { history: false }))!;
  });
  afterAll(() => gateway.close());

  it('prints what it says, command after command', async () => {
    const values: Record<string, string> = {
      LEADGATE_URL: gateway.url,
      COMPID: demo.accountCode,
      SOURCEID: demo.sourceId,
      CAMPID: demo.campaignId,
      AUTH: demo.sourceAuthKey,
      AUTH_TOKEN: demo.accountAdminKey,
      LIST_ID: String(demo.dialerListId),
      CLIENT: demo.accountSlug,
      APPID: demo.optInAppId,
      BRAND: demo.brand,
      TYPES: demo.deploymentTypeIds.join(','),
    };
    const all = steps(readFileSync(`${dir}README.md`, 'utf8'));
    expect(all.length).toBeGreaterThanOrEqual(9);
    // Only the values of the export lines change: the reader types their own there.
    const script = all
      .map(({ command }, i) => {
        const line = command.startsWith('export ')
          ? command.replace(/\b([A-Z_]+)=\S+/g, (_m, name: string) => {
              if (!(name in values)) throw new Error(`the README exports ${name}, which this test has no value for`);
              return `${name}=${values[name]}`;
            })
          : command;
        return `echo '@@ ${i}'\n${line}`;
      })
      .join('\n');
    const { stdout } = await promisify(execFile)('bash', ['-c', `set -euo pipefail\n${script}`], { cwd: dir, encoding: 'utf8' });
    const printed = stdout
      .split(/^@@ \d+\n/m)
      .slice(1)
      .map((chunk) => chunk.split('\n').filter(Boolean));
    // A "…" in the README stands for a value that differs each run (an id, a date): any non-empty one.
    const matches = (line: string, expected: string) =>
      new RegExp(
        `^${expected
          .split('…')
          .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('[^"]+')}$`,
      ).test(line);
    expect(printed.map((lines, i) => ({ command: all[i]!.command, lines }))).toEqual(
      all.map((s, i) => ({
        command: s.command,
        lines: s.expected.map((expected, j) =>
          printed[i]?.[j] !== undefined && matches(printed[i]![j]!, expected) ? printed[i]![j]! : expected,
        ),
      })),
    );
  });
});
