/** A dialer id (list, dialer campaign, dialer lead) from its text form, or null when it is not one. */
export function parseDialerId(raw: string | number | null | undefined): number | null {
  const text = String(raw ?? '').trim();
  if (!/^\d{1,10}$/.test(text)) return null;
  const id = Number(text);
  return id >= 1 && id <= 2_147_483_647 ? id : null;
}
