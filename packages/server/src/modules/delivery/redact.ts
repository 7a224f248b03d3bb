/** Longest response excerpt kept with an attempt. */
export const EXCERPT_LENGTH = 500;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** Runs of 7 or more digits (with the usual separators): phone numbers and the like. */
const NUMBER = /\+?\d[\d ().-]{5,}\d/g;

/**
 * A reply as it may be stored: the values in `secrets` (the destination's secret and header
 * values, the lead's contact data), email addresses and long digit runs replaced by `[redacted]`,
 * cut to {@link EXCERPT_LENGTH} characters.
 */
export function redactExcerpt(text: string, secrets: ReadonlyArray<string | null | undefined>): string {
  // Control characters (NUL above all, which PostgreSQL cannot store) are of no use in an excerpt.
  let out = text.slice(0, EXCERPT_LENGTH * 4).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
  for (const secret of secrets) {
    if (secret && secret.length >= 3) out = out.split(secret).join('[redacted]');
  }
  return out.replace(EMAIL, '[redacted]').replace(NUMBER, '[redacted]').slice(0, EXCERPT_LENGTH);
}
