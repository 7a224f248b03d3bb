const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const count = new Intl.NumberFormat('en-US');
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });

export const formatMoney = (dollars: number): string => money.format(dollars);
export const formatCount = (n: number): string => count.format(n);
/** A rate from 0 to 1 as a percentage. */
export const formatPercent = (rate: number): string => percent.format(rate);
/** `accepted / total` as a percentage; a dash when there is nothing to divide. */
export const formatRate = (part: number, whole: number): string => (whole > 0 ? percent.format(part / whole) : '–');

const dateTimes = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = dateTimes.get(key);
  if (!f) dateTimes.set(key, (f = make()));
  return f;
}

/** `Nov 27, 3:04:05 PM` on the account's clock. */
export const formatDateTime = (at: Date | string, timeZone: string): string =>
  formatter(
    `dt:${timeZone}`,
    () =>
      new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' }),
  ).format(new Date(at));

/** `3:04:05 PM` on the account's clock. */
export const formatTime = (at: Date | string, timeZone: string): string =>
  formatter(
    `t:${timeZone}`,
    () => new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit', second: '2-digit' }),
  ).format(new Date(at));

/** A chart's axis label for a bucket start: `Nov 27` for days, `3 PM` for hours. */
export const formatBucket = (at: Date, bucket: 'HOUR' | 'DAY', timeZone: string): string =>
  bucket === 'DAY'
    ? formatter(`d:${timeZone}`, () => new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric' })).format(at)
    : formatter(`h:${timeZone}`, () => new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric' })).format(at);

/** The zone's short name now, e.g. `PST`, for labels. */
export const zoneName = (timeZone: string): string =>
  new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')
    ?.value ?? timeZone;
