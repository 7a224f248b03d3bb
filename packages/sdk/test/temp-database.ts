import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh SQLite file for a test gateway (the gateway's lead store opens the file itself, so not `:memory:`). */
export function tempDatabase(): { kind: 'sqlite'; url: string; name: string } {
  const name = join(mkdtempSync(join(tmpdir(), 'leadgate-sdk-test-')), 'leadgate.sqlite');
  return { kind: 'sqlite', url: `sqlite:${name}`, name };
}
