import { describe, expect, it } from 'vitest';
import { ReasonCode } from '../leads/index.js';
import { get, type SqlOp, type Step } from '../../shared/sql-step.js';
import type { NormalizedLead } from '../fields/index.js';
import { decide } from './pipeline.js';
import { PASS, reject, type LeadRule, type TxContext } from './rules/lead-rule.js';

/** Runs the executor with `rules`, answering every statement with `answer`; returns the verdict and the statements. */
function run(rules: LeadRule[], answer: unknown = undefined) {
  const ops: SqlOp[] = [];
  const step = decide({} as NormalizedLead, { routed: null } as TxContext, { test: false }, rules);
  let next = step.next();
  while (!next.done) {
    ops.push(next.value);
    next = step.next(answer);
  }
  return { verdict: next.value, ops: ops.map((op) => ('sql' in op ? op.sql : `${op.kind}${'name' in op ? ` ${op.name}` : ''}`)) };
}

// Applies only to a lead with a dialer placement, as the dialer's stages do: these leads have none.
const quiet: LeadRule = {
  stage: 'quiet',
  structural: false,
  *apply(_lead, ctx): Step<null> {
    if (ctx.placement) yield* get('never');
    return null;
  },
};
const claim = (stage: string, result = PASS): LeadRule => ({
  stage,
  structural: false,
  *apply() {
    yield* get(`claim ${stage}`);
    return result;
  },
});

describe('decide: the transactional stages', () => {
  it('send no savepoint when none of them has a statement to run', () => {
    expect(run([quiet, quiet]).ops).toEqual([]);
  });

  it('open the savepoint before the first statement and release it at the end', () => {
    expect(run([quiet, claim('a'), claim('b')]).ops).toEqual(['savepoint stages', 'claim a', 'claim b', 'release stages']);
  });

  it('roll back what the earlier stages took when a later one rejects', () => {
    const { verdict, ops } = run([claim('a'), claim('b', reject(ReasonCode.DUPLICATE_EMAIL))]);
    expect(ops).toEqual(['savepoint stages', 'claim a', 'claim b', 'rollbackTo stages', 'release stages']);
    expect(verdict.rejection?.code).toBe(ReasonCode.DUPLICATE_EMAIL);
  });
});
