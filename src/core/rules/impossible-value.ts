import type { Finding, PValue } from '../types.js';
import { describe } from './comparisons.js';
import type { Rule } from './rule.js';

/** TR111: p values outside (0, 1], `p = 0.000`, and shares outside 0–100, in front matter and body. */
export const impossibleValue: Rule = {
  id: 'TR111',
  alias: 'impossible-value',
  defaultSeverity: 'error',
  description: 'p outside (0, 1], `p = 0.000`, shares above 100%',
  fixable: true,
  supersedes: [{ rule: 'TR105' }, { rule: 'TR109' }, { rule: 'TR114' }],
  needsFrontMatter: false,
  run({ model }) {
    const out: Finding[] = [];
    for (const ep of model.endpoints) {
      for (const c of ep.comparisons) {
        const p = c.p;
        if (!p) continue;
        const what = `${ep.label}: ${describe(c, model)}`;
        if (p.value === 0 && (p.op === '=' || p.op === '≤')) {
          const bound = `<${smallestAt(p.decimals)}`;
          out.push({
            ruleId: 'TR111',
            severity: 'error',
            message: `${what}: a p value cannot be 0; p = ${p.text} means it rounded to zero, so write p ${bound.replace('<', '< ')}.`,
            range: p.range,
            expected: [`"${bound}"`],
          });
        } else if (isImpossibleP(p)) {
          out.push({ ruleId: 'TR111', severity: 'error', message: `${what}: a p value must lie in (0, 1], not ${p.text}.`, range: p.range });
        }
      }
    }
    for (const m of model.mentions) {
      const countTooBig = !!m.events && !!m.total && !m.totalFromContext && m.events.value > m.total.value && m.kind !== 'count';
      if (m.share && !m.relative && !m.nonShare && !countTooBig && (m.share.value > 100 || m.share.value < 0) && m.kind === 'share') {
        out.push({ ruleId: 'TR111', severity: 'error', message: `${m.share.text}% cannot be a share of patients: a share lies between 0% and 100%.`, range: m.share.range });
      }
      if (m.p) {
        const p = m.p;
        if (p.value === 0 && (p.op === '=' || p.op === '≤')) {
          const bound = smallestAt(p.decimals);
          out.push({ ruleId: 'TR111', severity: 'error', message: `A p value cannot be 0; p = ${p.text} means it rounded to zero, so write p < ${bound}.`, range: m.range, expected: [`p < ${bound}`] });
        } else if (p.value > 1) {
          out.push({ ruleId: 'TR111', severity: 'error', message: `A p value must lie in (0, 1], not ${p.text}.`, range: p.range });
        }
      }
      if (countTooBig) {
        out.push({ ruleId: 'TR111', severity: 'error', message: `${m.events!.value} of ${m.total!.value} is impossible: the count exceeds its denominator.`, range: m.events!.range });
      }
    }
    return out;
  },
};

/**
 * A front-matter p outside (0, 1] (`p = 0` is reported apart, with its fix). Shared with TR105,
 * which does not compare such a p with the text: one finding per defect.
 */
export function isImpossibleP(p: PValue): boolean {
  return (p.value === 0 && (p.op === '=' || p.op === '≤')) || p.value > 1 || p.value < 0 || (p.value === 1 && (p.op === '>' || p.op === '≥'));
}

/** "0.001" for 3 decimals: the bound to write instead of p = 0.000 (as text: 1e-400 has 400). */
function smallestAt(decimals: number): string {
  const d = Math.min(Math.max(decimals, 0), 20);
  return d === 0 ? '0.001' : `0.${'0'.repeat(d - 1)}1`;
}
