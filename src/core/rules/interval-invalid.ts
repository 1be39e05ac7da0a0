import type { Finding } from '../types.js';
import { above, describe, interval, isRatio } from './comparisons.js';
import type { Rule } from './rule.js';

/** TR108: confidence intervals that cannot be right, or look wrong. */
export const intervalInvalid: Rule = {
  id: 'TR108',
  alias: 'interval-invalid',
  defaultSeverity: 'error',
  description: 'estimate outside its CI, lower above upper, ratios ≤ 0; lopsided CIs (warning)',
  fixable: true,
  supersedes: [
    { rule: 'TR105', onlyAsError: true },
    { rule: 'TR109', onlyAsError: true },
    { rule: 'TR110', onlyAsError: true },
  ],
  needsFrontMatter: true,
  run({ model }) {
    const out: Finding[] = [];
    for (const ep of model.endpoints) {
      for (const c of ep.comparisons) {
        const est = c.estimate;
        const m = c.measure?.value;
        if (!est || !m) continue;
        const what = `${ep.label}: ${describe(c, model)}`;
        if (isRatio(m)) {
          const bad = [est, ...(c.ci ?? [])].find((v) => v.value <= 0);
          if (bad) {
            out.push({
              ruleId: 'TR108',
              severity: 'error',
              message: `${what}: a ratio and its confidence limits must be greater than 0, but ${bad.text} is not.`,
              range: bad === est ? est.range : (c.ciRange ?? bad.range),
            });
            continue;
          }
        }
        if (!c.ci) continue;
        const [lo, hi] = c.ci;
        const range = c.ciRange ?? lo.range;
        const [loMin] = interval(lo);
        const [, hiMax] = interval(hi);
        const [eMin, eMax] = interval(est);
        if (above(interval(lo)[0], interval(hi)[1])) {
          out.push({ ruleId: 'TR108', severity: 'error', message: `${what}: the lower confidence limit ${lo.text} is above the upper ${hi.text}.`, range, expected: [`[${hi.text}, ${lo.text}]`] });
          continue;
        }
        if (above(loMin, eMax) || above(eMin, hiMax)) {
          out.push({
            ruleId: 'TR108',
            severity: 'error',
            message: `${what}: the estimate ${est.text} lies outside its own confidence interval ${lo.text} to ${hi.text}.`,
            range: est.range,
            related: [{ message: `${c.ciLevel}% CI ${lo.text} to ${hi.text}`, range }],
          });
          continue;
        }
        // Symmetry: on the log scale for ratios, the natural scale for differences. The most
        // symmetric reading the rounding allows must still be lopsided by more than 3:1, so
        // score and exact intervals (legitimately a little asymmetric) are not flagged.
        const f = isRatio(m) ? Math.log : (x: number): number => x;
        const belowMax = f(eMax) - f(Math.max(loMin, isRatio(m) ? 1e-12 : -Infinity));
        const aboveMax = f(hiMax) - f(eMin);
        const belowMin = f(eMin) - f(interval(lo)[1]);
        const aboveMin = f(interval(hi)[0]) - f(eMax);
        const lopsided = (a: number, b: number): boolean => a > 0 && b > 0 && a / b > 3;
        if (lopsided(belowMin, aboveMax) || lopsided(aboveMin, belowMax)) {
          out.push({
            ruleId: 'TR108',
            severity: 'warning',
            message: `${what}: the interval ${lo.text} to ${hi.text} is far from ${isRatio(m) ? 'symmetric on the log scale' : 'symmetric'} around ${est.text}; check that the estimate and limits belong together.`,
            range,
            related: [{ message: `estimate ${est.text}`, range: est.range }],
          });
        }
      }
    }
    // Comparisons stated in prose: the same impossibilities.
    for (const pc of model.proseComparisons) {
      const e = pc.effect?.effect;
      const iv = pc.interval?.interval;
      if (!e || !iv) continue;
      const ratio = e.measure !== 'difference' && isRatio(e.measure);
      const bad = ratio ? [e.value, iv.lo, iv.hi].find((v) => v.value <= 0) : undefined;
      if (bad) {
        out.push({ ruleId: 'TR108', severity: 'error', message: `A ratio and its confidence limits must be greater than 0, but ${bad.text} is not.`, range: bad.range });
      } else if (above(interval(iv.lo)[0], interval(iv.hi)[1])) {
        out.push({ ruleId: 'TR108', severity: 'error', message: `The lower confidence limit ${iv.lo.text} is above the upper ${iv.hi.text}.`, range: iv.range });
      } else if (above(interval(iv.lo)[0], interval(e.value)[1]) || above(interval(e.value)[0], interval(iv.hi)[1])) {
        out.push({
          ruleId: 'TR108',
          severity: 'error',
          message: `The estimate ${e.value.text} lies outside its own confidence interval ${iv.lo.text} to ${iv.hi.text}.`,
          range: e.value.range,
          related: [{ message: `${iv.level}% CI`, range: iv.range }],
        });
      }
    }
    return out;
  },
};
