import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { MikroORM as Orm } from '@mikro-orm/core';
import { isSqlite } from '../../shared/row-lock.js';
import { LocalFeedBus, type FeedBus } from './feed-bus.js';
import { PostgresFeedBus } from './postgres-feed-bus.js';
import { RedisFeedBus } from './redis-feed-bus.js';

/**
 * The Redis channel of the gateways sharing `orm`'s database: `leadgate:lead-feed:<hash>`, so
 * gateways of different databases on one Redis never mix their feeds.
 */
export function feedChannel(orm: Orm): string {
  const config = orm.config;
  let identity: string;
  if (isSqlite(orm.em)) {
    identity = `sqlite:${config.get('dbName')}`;
  } else {
    const url = new URL(config.get('clientUrl') ?? 'postgres://localhost');
    identity = `postgresql://${url.hostname}:${url.port || 5432}/${url.pathname.replace(/^\//, '')}`;
  }
  return `leadgate:lead-feed:${createHash('sha256').update(identity).digest('hex').slice(0, 16)}`;
}

/**
 * The feed's bus for a gateway: Redis pub/sub when `redisUrl` is set, else PostgreSQL
 * LISTEN/NOTIFY on PostgreSQL, else this process only (SQLite is one gateway's database).
 * Resolves once the bus listens, so a lead submitted right after start reaches every subscriber.
 */
export async function createFeedBus(orm: Orm, options: { redisUrl?: string; log: FastifyBaseLogger }): Promise<FeedBus> {
  if (options.redisUrl) {
    const bus = new RedisFeedBus({ url: options.redisUrl, channel: feedChannel(orm), log: options.log });
    await bus.waitUntilReady();
    return bus;
  }
  if (!isSqlite(orm.em)) {
    const bus = new PostgresFeedBus({
      url: orm.config.get('clientUrl')!,
      notify: (channel, payload) => orm.em.fork().getConnection().execute('select pg_notify(?, ?)', [channel, payload]),
      log: options.log,
    });
    await bus.waitUntilReady();
    return bus;
  }
  return new LocalFeedBus();
}
