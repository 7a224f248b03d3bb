import { describe, expect, it } from 'vitest';
import { doorOf } from './door-of.js';

describe('doorOf', () => {
  it.each([
    ['/graphql', 'graphql'],
    ['/ca/submit', 'opta'],
    ['/webhook/:webhookId', 'webhook'],
    ['/api/leads', 'marketplace'],
    ['/v1/leads/insert', 'dialer'],
    ['/v1/dnc/insert', 'dnc'],
    ['/webservices/rest/client/:client/optinfilterqueue/*', 'omeda'],
    ['/instructions/:token', 'instructions'],
    ['/metrics', 'metrics'],
    ['/something-new', 'other'],
    [undefined, 'unmatched'],
  ])('%s is %s', (route, door) => {
    expect(doorOf(route)).toBe(door);
  });
});
