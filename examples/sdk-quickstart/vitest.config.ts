import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const server = createRequire(fileURLToPath(new URL('../../packages/server/package.json', import.meta.url)));

export default defineConfig({
  resolve: {
    alias: {
      // Run against the workspace sources, so the example needs no build.
      '@leadgate/server': fileURLToPath(new URL('../../packages/server/src/index.ts', import.meta.url)),
      '@leadgate/sdk': fileURLToPath(new URL('../../packages/sdk/src/index.ts', import.meta.url)),
      graphql: server.resolve('graphql'),
    },
  },
  test: { pool: 'forks', testTimeout: 30_000, hookTimeout: 60_000 },
});
