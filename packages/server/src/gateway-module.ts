import type { MikroORM } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import type { Authenticate } from './auth/caller.js';

/** What every module's routes get: the ORM (each request forks its own EntityManager), the services and key authentication. */
export interface RouteContext<S> {
  orm: MikroORM;
  services: S;
  /** Resolves an `Authorization: Bearer` header to a caller. */
  authenticate: Authenticate;
}

/**
 * One feature of the gateway, as the registry (`src/registry.ts`) wires it: the services it
 * builds from those of the modules before it (`Needs`), the GraphQL resolvers and the HTTP routes
 * it brings. Adding a feature is one module and one entry in the registry's list.
 */
export interface GatewayModule<Needs extends object = object, Provides extends object = object> {
  /** Shown when the module needs a service no earlier module provides. */
  readonly name: string;
  /** Builds the module's services; default none. */
  services?(needs: Needs): Provides;
  /** Resolver instances; type-graphql takes their classes from them. Default none. */
  resolvers?(services: Needs & Provides): object[];
  /** Registers the module's HTTP routes (its own Fastify scope). Default none. */
  routes?(app: FastifyInstance, context: RouteContext<Needs & Provides>): Promise<void>;
}

/** Declares a module, inferring what it needs from its `services` (or `resolvers`/`routes`) parameter types. */
export function defineModule<Needs extends object, Provides extends object = object>(
  module: GatewayModule<Needs, Provides>,
): GatewayModule<Needs, Provides> {
  return module;
}
