import { ReasonCode } from '../../leads/reason-code.js';
import { isHttpUrl } from '../../fields/formats.js';
import { PASS, reject, type CheckRule } from './lead-rule.js';

/** URL format: a custom field the campaign declares as URL holds something that is not an http(s) URL. */
export function urlFormatRule(): CheckRule {
  return {
    stage: 'url-format',
    structural: true,
    check({ extra }, { snapshot }) {
      for (const name of snapshot.urlFields) {
        const value = extra[name];
        if (value !== undefined && !isHttpUrl(value)) return reject(ReasonCode.URL_FORMAT);
      }
      return PASS;
    },
  };
}
