/** WHATWG's email syntax, with at least one dot in the domain. */
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

/** A +1 number of ten digits in E.164: what normalization makes of a number the phone library finds possible. */
const US_E164 = /^\+1\d{10}$/;

export const isEmail = (value: string): boolean => value.length <= 254 && EMAIL.test(value);

/**
 * `value` is the normalized phone: E.164 when libphonenumber found it a possible US number, else
 * as posted. We refuse what the library calls impossible and nothing more: vendors test with
 * numbers such as 555-123-4567, and stricter NANP checks would turn those away.
 */
export const isUsPhone = (value: string): boolean => US_E164.test(value);

/** `value` is the normalized zip: 5 digits when it was 5 or 9 digits. */
export const isZip = (value: string): boolean => /^\d{5}$/.test(value);

/** An absolute http(s) URL with a dotted host name. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** A TrustedForm certificate URL: https://cert.trustedform.com/ and 40 hex digits. */
export const isTrustedFormCert = (value: string): boolean => /^https:\/\/cert\.trustedform\.com\/[0-9a-f]{40}$/i.test(value);

/** A Jornaya LeadiD token: a UUID. */
export const isJornayaToken = (value: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
