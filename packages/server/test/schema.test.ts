import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printSchemaSDL, SCHEMA_FILE } from '../src/schema-file.js';

describe('the committed GraphQL contract', () => {
  it('packages/schema/schema.graphql matches the resolvers (run `pnpm generate` after changing them)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await printSchemaSDL());
  });
});
