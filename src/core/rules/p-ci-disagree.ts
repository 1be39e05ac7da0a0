import { twoSidedP, zForLevel } from '../stats.js';
import type { Finding } from '../types.js';
import { alphaOf, describe, interval, isRatio, nullOf, pInterval, formatP } from './comparisons.js';
import { flagged, type Rule } from './rule.js';

/**
 * TR109: a p value the confidence interval contradicts. Error when the interval and the p value
 * disagree on significance at α = 1 − level; warning when p lies more than 3× outside the range
 * the interval implies (Altman & Bland), evaluated over every rounding of estimate and limits.
 */
export const pCiDisagree: Rule = {
  id: 'TR109',
  alias: 'p-ci-disagree',
  defaultSeverity: 'error',
  needsFrontMatter: true,
  run(ctx) {
    const out: Finding[] = [];
    for (const ep of ctx.model.endpoints) {
      for (const c of ep.comparisons) {
        const { p, ci, estimate: est } = c;
        const m = c.measure?.value;
        if (!p || !ci || !est || !m) continue;
        // One finding per defect: values already flagged as impossible are not reused.
        if (flagged(ctx, c.ciRange ?? ci[0].range, ['TR108']) || flagged(ctx, p.range, ['TR111']) || flagged(ctx, est.range, ['TR108'])) continue;
        if (isRatio(m) && (ci[0].value <= 0 || est.value <= 0)) continue;
        const what = `${ep.label}: ${describe(c, ctx.model)}`;
        const alpha = alphaOf(c);
        // A one-sided p is compared with α/2 and, being explainable, never rises above a warning.
        const oneSided = c.sided === 1;
        const threshold = oneSided ? alpha / 2 : alpha;
        const nul = nullOf(m);
        const [loLo, loHi] = interval(ci[0]);
        const [hiLo, hiHi] = interval(ci[1]);
        const excludes = loLo > nul || hiHi < nul;
        const includes = loHi < nul && hiLo > nul;
        const [pLo, pHi] = pInterval(p);
        const pSig = pHi < threshold;
        const pNotSig = pLo >= threshold;
        const ciText = `${ci[0].text} to ${ci[1].text}`;
        if ((excludes && pNotSig) || (includes && pSig)) {
          out.push({
            ruleId: 'TR109',
            severity: oneSided ? 'warning' : 'error',
            message: excludes
              ? `${what}: the ${c.ciLevel}% CI ${ciText} excludes ${nul}, so p should be below ${formatP(alpha)}, but p = ${p.text}.`
              : `${what}: the ${c.ciLevel}% CI ${ciText} includes ${nul}, so p should be at least ${formatP(alpha)}, but p ${p.op === '=' ? '=' : p.op} ${p.text.replace(/^[<>≤≥=]+\s*/, '')}.`,
            range: p.range,
            related: [{ message: `${c.ciLevel}% CI ${ciText}`, range: c.ciRange ?? ci[0].range }],
          });
          continue;
        }
        // Implied p over the corners of the rounding intervals.
        const z = zForLevel(c.ciLevel);
        const f = isRatio(m) ? Math.log : (x: number): number => x;
        let lo = Infinity;
        let hi = -Infinity;
        for (const e of interval(est)) {
          for (const a of [loLo, loHi]) {
            for (const b of [hiLo, hiHi]) {
              if (isRatio(m) && (a <= 0 || e <= 0)) continue;
              const se = (f(b) - f(a)) / (2 * z);
              if (!(se > 0)) continue;
              const implied = twoSidedP((f(e) - f(nul)) / se) / (oneSided ? 2 : 1);
              lo = Math.min(lo, implied);
              hi = Math.max(hi, implied);
            }
          }
        }
        if (!Number.isFinite(lo)) continue;
        if (pHi * 3 < lo || pLo > hi * 3) {
          out.push({
            ruleId: 'TR109',
            severity: 'warning',
            message: `${what}: the ${c.ciLevel}% CI ${ciText} implies p between ${formatP(lo)} and ${formatP(hi)}, but the reported p is ${p.text}.`,
            range: p.range,
            expected: [hi < 0.001 ? '"<0.001"' : formatP((lo + hi) / 2)],
            related: [{ message: `${c.ciLevel}% CI ${ciText}`, range: c.ciRange ?? ci[0].range }],
          });
        }
      }
    }
    return out;
  },
};

