import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where `pnpm build` (ui/build.ts) writes the browser bundles: packages/server/dist/ui, whether
 * the gateway runs from dist/ or from src/ (tests, tsx).
 */
export const UI_ASSETS_DIR = fileURLToPath(new URL('../../../dist/ui/', import.meta.url));

/** One bundled file, ready to send. */
export interface UiAsset {
  body: Buffer;
  type: string;
  etag: string;
}

const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

/** The bundles a page needs, read once at start (they change only with a new build). */
export class UiAssets {
  private readonly assets = new Map<string, UiAsset>();

  constructor(dir = UI_ASSETS_DIR, names = ['dashboard.js', 'dashboard.css', 'graphiql.js', 'graphiql.css']) {
    for (const name of names) {
      const path = `${dir}${name}`;
      if (!existsSync(path)) continue;
      const body = readFileSync(path);
      this.assets.set(name, {
        body,
        type: TYPES[name.split('.').pop()!]!,
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      });
    }
  }

  get(name: string): UiAsset | undefined {
    return this.assets.get(name);
  }

  /** False when the bundles were never built (the gateway was started from source without `pnpm build`). */
  has(...names: string[]): boolean {
    return names.every((name) => this.assets.has(name));
  }

  /** The asset's URL with its content hash, so browsers may cache it for good. */
  url(name: string): string {
    return `/ui/${name}?v=${encodeURIComponent(this.assets.get(name)?.etag.slice(1, 12) ?? '0')}`;
  }
}
