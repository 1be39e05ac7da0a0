import { joinWords } from '../numbers.js';
import type { Finding, WrittenNumber } from '../types.js';
import { armById, type Rule } from './rule.js';

/**
 * TR106: a stated group size ("152 patients were randomised", "n=38", a table's n column)
 * against the front matter. Only group sizes are compared: counts of patients excluded,
 * treated, completed, screened or enrolled are something else (their role is 'other').
 */
export const totalMentionMismatch: Rule = {
  id: 'TR106',
  alias: 'total-mention-mismatch',
  defaultSeverity: 'warning',
  needsFrontMatter: true,
  run({ model }) {
    const out: Finding[] = [];
    const trialN = model.trial.randomized;
    const analysedSum = model.arms.every((a) => a.analysed || a.randomized) ? model.arms.reduce((s, a) => s + (a.analysed ?? a.randomized)!.value, 0) : undefined;
    for (const m of model.mentions) {
      if (m.kind !== 'sample-size' || !m.total || !m.role || m.role === 'other') continue;
      const stated = m.total.value;
      const arm = m.role !== 'trial' && m.link.armId ? armById(model, m.link.armId) : undefined;
      let accepted: { value: number; what: string; at?: WrittenNumber }[];
      if (arm) {
        accepted = [
          ...(m.role !== 'analysed' && arm.randomized ? [{ value: arm.randomized.value, what: `${arm.randomized.value} randomised`, at: arm.randomized }] : []),
          ...(m.role !== 'randomized' ? [{ value: (arm.analysed ?? arm.randomized)?.value ?? NaN, what: `${(arm.analysed ?? arm.randomized)?.value} analysed`, ...(arm.analysed ? { at: arm.analysed } : {}) }] : []),
          ...(m.role === 'group'
            ? model.endpoints.flatMap((e) => e.results.filter((r) => r.armId === arm.id && r.n).map((r) => ({ value: r.n!.value, what: `n = ${r.n!.value} for ${e.label}`, at: r.n! })))
            : []),
        ];
      } else {
        if (!trialN) continue;
        accepted = [
          ...(m.role !== 'analysed' ? [{ value: trialN.value, what: `${trialN.value} randomised`, at: trialN }] : []),
          ...(m.role !== 'randomized' && analysedSum !== undefined ? [{ value: analysedSum, what: `${analysedSum} analysed` }] : []),
        ];
      }
      accepted = accepted.filter((a) => Number.isFinite(a.value));
      if (accepted.length === 0 || accepted.some((a) => a.value === stated)) continue;
      const who = arm ? arm.label : 'the trial';
      const sizes = accepted.filter((a, i) => accepted.findIndex((b) => b.value === a.value) === i);
      const first = accepted[0]!;
      out.push({
        ruleId: 'TR106',
        severity: 'warning',
        message: `${m.text.replace(/\s+/g, ' ')} disagrees with the front matter: ${who} has ${joinWords(sizes.map((a) => a.what), 'and')}.`,
        range: m.total.range,
        expected: sizes.map((a) => String(a.value)),
        ...(first.at ? { related: [{ message: `${who}: ${first.what}`, range: first.at.range }] } : {}),
      });
    }
    return out;
  },
};
