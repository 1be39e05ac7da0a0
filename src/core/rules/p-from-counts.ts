import { chiSquareP, fisherP, waldP } from '../stats.js';
import type { Finding } from '../types.js';
import { armShare } from './arm-data.js';
import { alphaOf, describe, pInterval, formatP } from './comparisons.js';
import type { Rule } from './rule.js';

/**
 * TR114: a p value two arms' counts cannot give. Fisher exact, Pearson χ², Yates χ² and the Wald
 * z test span the usual analyses; a reported p is questioned only when it disagrees with all.
 */
export const pFromCounts: Rule = {
  id: 'TR114',
  alias: 'p-from-counts',
  defaultSeverity: 'warning',
  description: 'a p value two arms\' counts cannot give (Fisher, χ², Yates)',
  fixable: true,
  needsFrontMatter: true,
  run(ctx) {
    const out: Finding[] = [];
    const { model } = ctx;
    for (const ep of model.endpoints) {
      if (ep.type !== 'binary') continue;
      for (const c of ep.comparisons) {
        const p = c.p;
        if (!p || c.adjusted === true || c.sided === 1) continue;
        const a = armShare(model, ep, c.arm?.value)?.counts;
        const b = armShare(model, ep, c.versus?.value)?.counts;
        if (!a || !b) continue;
        const cells: [number, number, number, number] = [a.events, a.n - a.events, b.events, b.n - b.events];
        // The usual analyses of a 2×2 table; the Wald z test goes with the Wald interval.
        const methods = [fisherP(...cells), chiSquareP(...cells, false), chiSquareP(...cells, true), waldP(...cells)].filter((x): x is number => x !== undefined);
        if (methods.length === 0) continue;
        const lo = Math.min(...methods);
        const hi = Math.max(...methods);
        const alpha = alphaOf(c);
        const [pLo, pHi] = pInterval(p);
        const disagree = (pHi < alpha && methods.every((x) => x >= alpha)) || (pLo >= alpha && methods.every((x) => x < alpha));
        const far = pHi * 3 < lo || pLo > hi * 3;
        if (!disagree && !far) continue;
        out.push({
          ruleId: 'TR114',
          severity: 'warning',
          message: `${ep.label}: ${describe(c, model)}: ${a.events}/${a.n} versus ${b.events}/${b.n} give p between ${formatP(lo)} and ${formatP(hi)} (Fisher exact, χ², Yates χ², Wald z), but the reported p is ${p.text}. If it comes from an adjusted or stratified analysis, mark the comparison \`adjusted: true\`.`,
          range: p.range,
          expected: [hi < 0.001 ? '"<0.001"' : formatP(lo)],
        });
      }
    }
    return out;
  },
};

