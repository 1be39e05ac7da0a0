import type { Finding } from '../types.js';
import { describe } from './comparisons.js';
import type { Rule } from './rule.js';

/** TR111 in the front matter: p values outside (0, 1], and `p = 0.000`. */
export const impossibleValue: Rule = {
  id: 'TR111',
  alias: 'impossible-value',
  defaultSeverity: 'error',
  needsFrontMatter: true,
  run({ model }) {
    const out: Finding[] = [];
    for (const ep of model.endpoints) {
      for (const c of ep.comparisons) {
        const p = c.p;
        if (!p) continue;
        const what = `${ep.label}: ${describe(c, model)}`;
        if (p.value === 0 && (p.op === '=' || p.op === '≤')) {
          const bound = `<${p.decimals > 0 ? (10 ** -p.decimals).toFixed(p.decimals) : '0.001'}`;
          out.push({
            ruleId: 'TR111',
            severity: 'error',
            message: `${what}: a p value cannot be 0; p = ${p.text} means it rounded to zero, so write p ${bound.replace('<', '< ')}.`,
            range: p.range,
            expected: [`"${bound}"`],
          });
        } else if (p.value > 1 || (p.value < 0) || (p.value === 1 && (p.op === '>' || p.op === '≥'))) {
          out.push({ ruleId: 'TR111', severity: 'error', message: `${what}: a p value must lie in (0, 1], not ${p.text}.`, range: p.range });
        }
      }
    }
    return out;
  },
};
