import { describe, expect, it } from 'vitest';
import { EXCERPT_LENGTH, redactExcerpt } from './redact.js';

describe('redactExcerpt', () => {
  it('hides secrets, emails and long digit runs, drops control characters and cuts the excerpt', () => {
    expect(redactExcerpt('key lgd_abc123 for Ada <ada@example.com> +1 (213) 555-0100 id 42\u0000!', ['lgd_abc123', 'Ada', null])).toBe(
      'key [redacted] for [redacted] <[redacted]> [redacted] id 42!',
    );
    expect(redactExcerpt('x'.repeat(5000), [])).toHaveLength(EXCERPT_LENGTH);
  });
});
