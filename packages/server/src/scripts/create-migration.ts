/**
 * Generates the next migration for both engines from the entity diff:
 * `pnpm --filter @leadgate/server migration:create <name>`. Needs PostgreSQL at
 * MIGRATION_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres); it makes and
 * drops a scratch database there.
 */
import 'reflect-metadata';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { MikroORM } from '@mikro-orm/core';
import { ormOptions } from '../db.js';
import { parseDatabaseUrl } from '../config.js';

const name = process.argv[2] ?? 'change';
const adminUrl = process.env.MIGRATION_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const scratch = `leadgate_migration_${Date.now()}`;
const srcDir = new URL('..', import.meta.url).pathname;

async function generate(kind: 'sqlite' | 'postgres', url: string) {
  const orm = await MikroORM.init({
    ...ormOptions(parseDatabaseUrl(url)),
    migrations: { ...ormOptions(parseDatabaseUrl(url)).migrations, path: join(srcDir, 'migrations', kind), emit: 'ts', snapshot: false },
  });
  try {
    await orm.getMigrator().up();
    const result = await orm.getMigrator().createMigration(undefined, false, false, name);
    if (!result.fileName) {
      console.log(`${kind}: no changes`);
      return;
    }
    const file = join(srcDir, 'migrations', kind, result.fileName);
    const index = join(srcDir, 'migrations', kind, 'index.ts');
    const cls = result.fileName.replace(/\.ts$/, '');
    const className = /export class (\w+)/.exec(readFileSync(file, 'utf8'))![1]!;
    let text = readFileSync(index, 'utf8');
    text = `import { ${className} } from './${cls}.js';\n` + text;
    text = text.replace(/\[([^\]]*)\];/s, (_, body: string) => {
      const items = body.trim() ? body.trim().replace(/,$/, '') + ',\n  ' : '\n  ';
      return `[${items}{ name: '${cls}', class: ${className} },\n];`;
    });
    writeFileSync(index, text);
    console.log(`${kind}: wrote ${result.fileName}`);
  } finally {
    await orm.close();
  }
}

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${scratch}`);
try {
  await generate('sqlite', `sqlite:${join(mkdtempSync(join(tmpdir(), 'lg-mig-')), 'db.sqlite')}`);
  const pgUrl = new URL(adminUrl);
  pgUrl.pathname = `/${scratch}`;
  await generate('postgres', pgUrl.toString());
} finally {
  await admin.query(`drop database if exists ${scratch}`);
  await admin.end();
}
