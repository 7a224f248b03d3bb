import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Resolve graphql the way the server does, so the gateway under test, type-graphql and the
// SDK share one copy ("Cannot use GraphQLSchema from another module or realm").
const serverRequire = createRequire(new URL('../server/package.json', import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      // The tests start the real gateway from its source, so they do not depend on a build.
      '@leadgate/server': fileURLToPath(new URL('../server/src/index.ts', import.meta.url)),
      graphql: serverRequire.resolve('graphql'),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Native addons (better-sqlite3) need the default forks pool, not threads.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
