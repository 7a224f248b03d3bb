import { ReasonCode } from '../../leads/reason-code.js';
import { isZip } from '../../fields/formats.js';
import { PASS, reject, type CheckRule } from './lead-rule.js';

/** Zip format: a zip was sent and it is not 5 or 9 digits. */
export function zipFormatRule(): CheckRule {
  return {
    stage: 'zip-format',
    structural: true,
    check: ({ fields }) => (fields.zip === null || isZip(fields.zip) ? PASS : reject(ReasonCode.ZIP_FORMAT)),
  };
}
