import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One copy of graphql for type-graphql, Apollo and the tests ("another module or realm").
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Native addons (better-sqlite3) need the default forks pool, not threads.
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // Every documented reply is checked against its OpenAPI description (src/openapi/response-check.ts).
    env: { LEADGATE_CHECK_RESPONSES: '1' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
