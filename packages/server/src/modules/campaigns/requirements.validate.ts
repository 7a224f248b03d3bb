import { badInput } from '../../errors/app-error.js';
import { validateCondition, type Condition } from '../../rules/index.js';
import { CUSTOM_FIELD_NAME, isStandardField } from '../fields/lead-fields.js';
import { conditionInputToJson, type NamedRuleInput, type NamedRule } from './named-rule.js';
import type { Caps, CustomField, DuplicateCheck, ScheduleWindow, StateTargeting } from './requirements.js';
import { US_STATES } from './us-states.js';

const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const MAX_CAP = 1_000_000_000;

/** A local calendar date YYYY-MM-DD that exists. */
export function requireLocalDate(value: string, field: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!match || !date || date.toISOString().slice(0, 10) !== value.trim()) {
    throw badInput(`${field} must be a date as YYYY-MM-DD (got "${value}")`, { field });
  }
  return value.trim();
}

export function validatePeriod(start: string | null, end: string | null): void {
  if (start && end && start > end) throw badInput(`periodStart (${start}) is after periodEnd (${end})`, { field: 'periodStart' });
}

export function validateSchedule(windows: ScheduleWindow[]): ScheduleWindow[] {
  if (windows.length > 50) throw badInput('schedule may have at most 50 windows', { field: 'schedule' });
  return windows.map((w, i) => {
    const at = `schedule[${i}]`;
    if (w.days.length === 0) throw badInput(`${at}.days must name at least one day`, { field: 'schedule' });
    for (const [name, value] of [
      ['start', w.start],
      ['end', w.end],
    ] as const) {
      if (!CLOCK.test(value))
        throw badInput(`${at}.${name} must be a time as HH:MM, 00:00 to 24:00 (got "${value}")`, { field: 'schedule' });
    }
    if (w.start === w.end) {
      throw badInput(`${at} opens and closes at the same time`, { field: 'schedule' });
    }
    return { days: [...new Set(w.days)], start: w.start, end: w.end };
  });
}

export function validateCustomFields(fields: CustomField[]): CustomField[] {
  const seen = new Set<string>();
  return fields.map((f, i) => {
    const name = f.name.trim();
    if (isStandardField(name)) throw badInput(`customFields[${i}]: "${name}" is a standard field`, { field: 'customFields' });
    if (!CUSTOM_FIELD_NAME.test(name))
      throw badInput(`customFields[${i}]: "${f.name}" is not a field name (a letter, then letters, digits or _)`, {
        field: 'customFields',
      });
    if (seen.has(name)) throw badInput(`customFields: "${name}" is listed twice`, { field: 'customFields' });
    seen.add(name);
    const description = f.description?.trim() || null;
    if (description && description.length > 500)
      throw badInput(`customFields[${i}].description must be at most 500 characters`, { field: 'customFields' });
    return { name, type: f.type, description };
  });
}

export function validateStateTargeting(targeting: StateTargeting): StateTargeting {
  const states = [...new Set(targeting.states.map((s) => s.trim().toUpperCase()))];
  if (states.length === 0)
    throw badInput('stateTargeting.states must list at least one state (or set stateTargeting to null)', { field: 'stateTargeting' });
  const unknown = states.filter((s) => !US_STATES.has(s));
  if (unknown.length) throw badInput(`stateTargeting.states: unknown state code(s) ${unknown.join(', ')}`, { field: 'stateTargeting' });
  return { mode: targeting.mode, states: states.sort() };
}

export function validateRules(rules: NamedRuleInput[]): NamedRule[] {
  if (rules.length > 100) throw badInput('rules may hold at most 100 conditions and filters', { field: 'rules' });
  const names = new Set<string>();
  return rules.map((rule, i) => {
    const name = rule.name.trim();
    if (!name || name.length > 100) throw badInput(`rules[${i}].name must be 1-100 characters`, { field: 'rules' });
    if (names.has(name)) throw badInput(`rules: the name "${name}" is used twice`, { field: 'rules' });
    names.add(name);
    const result = validateCondition(conditionInputToJson(rule.condition));
    if (!result.ok) throw badInput(`rules[${i}] "${name}": ${result.errors.join('; ')}`, { field: 'rules' });
    // A lead field name never has a dot (the language allows them for other data); such a rule could never see a value.
    const dotted = conditionFields(result.condition).find((f) => !isStandardField(f) && !CUSTOM_FIELD_NAME.test(f));
    if (dotted)
      throw badInput(`rules[${i}] "${name}": "${dotted}" is not a lead field name (a letter, then letters, digits or _)`, {
        field: 'rules',
      });
    return { name, kind: rule.kind, condition: result.condition };
  });
}

/** Every field name a condition reads. */
function conditionFields(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionFields);
  if ('any' in condition) return condition.any.flatMap(conditionFields);
  if ('not' in condition) return conditionFields(condition.not);
  return [condition.field];
}

export function validateDuplicates(check: DuplicateCheck): DuplicateCheck {
  if (!Number.isInteger(check.windowDays) || check.windowDays < 1 || check.windowDays > 3650) {
    throw badInput('duplicates.windowDays must be between 1 and 3650', { field: 'duplicates' });
  }
  return { keys: [...new Set(check.keys)], windowDays: check.windowDays };
}

export function validateCaps(caps: Caps, field: string): Caps {
  const out: Caps = {};
  for (const period of ['daily', 'weekly', 'monthly', 'total'] as const) {
    const value = caps[period];
    if (value == null) continue;
    if (!Number.isInteger(value) || value < 0 || value > MAX_CAP)
      throw badInput(`${field}.${period} must be a whole number from 0 to ${MAX_CAP}`, { field });
    out[period] = value;
  }
  return out;
}
