import { quickstart } from './quickstart.js';

// Usage: LEADGATE_URL=http://127.0.0.1:4000/graphql LEADGATE_ADMIN_KEY=<platform admin key> pnpm start
const url = process.env.LEADGATE_URL ?? 'http://127.0.0.1:4000/graphql';
const key = process.env.LEADGATE_ADMIN_KEY;
if (!key) {
  console.error('Set LEADGATE_ADMIN_KEY to the platform admin key the gateway printed on its first start.');
  process.exit(1);
}
const result = await quickstart(url, key);
console.log(JSON.stringify(result, null, 2));
