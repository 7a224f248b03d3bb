export { createApp, type AppOptions } from './app.js';
export { loadConfig, parseDatabaseUrl, ConfigError, DEFAULT_DATABASE_URL, type Config } from './config.js';
export { initOrm, migrate, isDatabaseReachable, type Orm, type DbOptions } from './db.js';
export { startGateway, serve, type RunningGateway, type StartOptions } from './main.js';
export { buildGatewaySchema, createServices, type Services } from './registry.js';
export { seedDemoData, demoBanner, type DemoData } from './modules/demo/demo-data.js';
export * from './errors/index.js';
