#!/usr/bin/env node
// The `leadgate` command. This file is committed (dist/ is built), so pnpm can link the command
// at install time, before the first build.
import('../dist/cli.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    console.error('leadgate is not built yet: run `npx --yes pnpm@10 build` (or `npx --yes pnpm@10 start`) in the repository first.');
    process.exit(1);
  }
  throw error;
});
