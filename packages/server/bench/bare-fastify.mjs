// Scenario (d): bare Fastify answering a JSON POST with no work, the ceiling of the REST doors.
// The same Fastify as the gateway, with its default JSON parser and no logger, in its own process.
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
app.get('/readyz', async () => ({ status: 'ok' }));
app.post('/submit', async () => ({ leadStatus: true }));
await app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => app.close().then(() => process.exit(0)));
