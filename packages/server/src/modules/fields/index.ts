export * from './lead-fields.js';
export { normalizeLead, normalizePhone, normalizeZip } from './normalize.js';
export * from './formats.js';
export { fieldValue, type NormalizedLead, type RawLead } from './normalized-lead.js';
