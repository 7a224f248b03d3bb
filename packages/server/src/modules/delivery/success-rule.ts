/** What must hold of a 2xx reply for the delivery to count as delivered. */
export interface SuccessRule {
  /** A dot path into the JSON body (`result.status`, `items.0.id`); null: no JSON check. */
  jsonPath: string | null;
  /** The value at `jsonPath`, compared as text; null: the value must be present and not false, 0, "" or null. */
  jsonEquals: string | null;
  /** Text the body must contain; null: no check. */
  substring: string | null;
}

/** Null when a 2xx body meets the rule, else why not (kept with the attempt). */
export function failedSuccessRule(rule: SuccessRule, body: string): string | null {
  if (rule.substring !== null && !body.includes(rule.substring)) return `the reply does not contain "${rule.substring}"`;
  if (rule.jsonPath === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return 'the reply is not JSON';
  }
  for (const key of rule.jsonPath.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return `the reply has no ${rule.jsonPath}`;
    value = (value as Record<string, unknown>)[key];
  }
  if (rule.jsonEquals === null)
    return value === null || value === false || value === 0 || value === '' ? `${rule.jsonPath} is ${JSON.stringify(value)}` : null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text === rule.jsonEquals ? null : `${rule.jsonPath} is ${JSON.stringify(value)}, not ${JSON.stringify(rule.jsonEquals)}`;
}
