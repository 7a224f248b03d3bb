import { GatewayProcess } from './gateway-process.js';
import { fileURLToPath } from 'node:url';
const serverDir = fileURLToPath(new URL('..', import.meta.url));
const g = await GatewayProcess.start({ serverDir, dbFile: '/tmp/bt/p.sqlite', adminKey: 'lgk_0123456789012345678901234567890123456', logFile: '/tmp/bt/log' });
console.log('ready', g.pid);
g.child.on('exit', (c, s) => console.log('exit', c, s));
await new Promise((r) => setTimeout(r, 1000));
const t = Date.now();
console.log('stop ->', await g.stop(), Date.now() - t, 'ms');
