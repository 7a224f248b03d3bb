export { DialerInsertService, type DialerInsertOptions } from './dialer-insert.service.js';
export { DialerInsertOutcome, DialerInsertResult } from './dialer-insert.result.js';
export { DialerInsertResolver } from './dialer-insert.resolver.js';
