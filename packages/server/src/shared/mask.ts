/**
 * Masking of a lead's contact fields for readers who may see that a lead exists but not who it
 * is: the live feed, and READER keys. Each mask keeps just enough to tell leads apart at a glance
 * (an initial, an email's domain, a phone's last four digits, a ZIP's first three) and never the
 * whole value. A missing value stays missing.
 */
const BULLETS = '•••';

/** `Ada` → `A•••`. */
export function maskName(value: string | null | undefined): string | null {
  if (!value) return null;
  const first = [...value.trim()][0];
  return first ? `${first}${BULLETS}` : null;
}

/** `ada.lovelace@example.com` → `a•••@example.com`; a value without `@` is masked whole. */
export function maskEmail(value: string | null | undefined): string | null {
  if (!value) return null;
  const at = value.lastIndexOf('@');
  if (at <= 0) return BULLETS;
  return `${[...value][0]}${BULLETS}${value.slice(at)}`;
}

/** `+12135550147` → `•••0147`: the last four digits only. */
export function maskPhone(value: string | null | undefined): string | null {
  if (!value) return null;
  const digits = value.replace(/\D/g, '');
  return digits.length > 4 ? `${BULLETS}${digits.slice(-4)}` : BULLETS;
}

/** `90012` → `900••`: the first three digits (the sectional center), never the delivery area. */
export function maskZip(value: string | null | undefined): string | null {
  if (!value) return null;
  return /^\d{3}/.test(value) ? `${value.slice(0, 3)}••` : BULLETS;
}

/** Anything else personal (a street address, an IP, a consent token): present, not shown. */
export function maskWhole(value: string | null | undefined): string | null {
  return value ? BULLETS : null;
}
