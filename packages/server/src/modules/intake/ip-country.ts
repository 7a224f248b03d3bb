import { createRequire } from 'node:module';

type GeoLookup = { lookup(ip: string): { country: string } | null };
let geo: GeoLookup | undefined;

/**
 * ISO country of an IP address from the offline GeoLite2 country database shipped in the
 * `geoip-country` package (loaded on first use: about 20 MB), or null when unknown.
 */
export function countryOf(ip: string): string | null {
  geo ??= createRequire(import.meta.url)('geoip-country') as GeoLookup;
  return geo.lookup(ip)?.country ?? null;
}
