/** Writes packages/schema/schema.graphql from the resolvers: `pnpm --filter @leadgate/server schema`. */
import { writeFileSync } from 'node:fs';
import { printSchemaSDL, SCHEMA_FILE } from '../schema-file.js';

writeFileSync(SCHEMA_FILE, await printSchemaSDL());
console.log(`wrote ${SCHEMA_FILE}`);
