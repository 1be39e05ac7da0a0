import { chiSquareP, fisherP, twoSidedP, zForLevel } from '../stats.js';
import type { Comparison, Endpoint, Finding, Measure, PValue, Range, TrialModel, WrittenNumber } from '../types.js';
import { armShare } from './arm-data.js';
import { above, alphaOf, describe, formatP, interval, isRatio, nullOf, pInterval } from './comparisons.js';
import type { Rule } from './rule.js';

interface Stated {
  what: string;
  measure: Measure;
  estimate: WrittenNumber;
  lo: WrittenNumber;
  hi: WrittenNumber;
  ciRange: Range;
  level: number;
  p: PValue;
  /** Where to report: the p value. */
  pRange: Range;
  sided: 1 | 2;
  /** Replacements are written as prose ("p = 0.02") rather than YAML. */
  prose: boolean;
}

/**
 * TR109: a p value the confidence interval contradicts. Error when the interval and the p value
 * disagree on significance at α = 1 − level; warning when p lies more than 3× outside the range
 * the interval implies (Altman & Bland), evaluated over every rounding of estimate and limits.
 */
export const pCiDisagree: Rule = {
  id: 'TR109',
  alias: 'p-ci-disagree',
  defaultSeverity: 'error',
  description: 'a p value its confidence interval contradicts, in the front matter, prose and table rows',
  severityNote: 'error / warning',
  fixable: true,
  supersedes: [{ rule: 'TR114' }],
  needsFrontMatter: false,
  run(ctx) {
    const out: Finding[] = [];
    // In a non-inferiority or equivalence trial a p may test the margin, not the null: the interval
    // cannot contradict it.
    if (ctx.model.trial.design.some((d) => /^(?:non-inferiority|equivalence)$/.test(d.value))) return out;
    for (const ep of ctx.model.endpoints) {
      for (const c of ep.comparisons) {
        const { p, ci, estimate } = c;
        const measure = c.measure?.value;
        if (!p || !ci || !estimate || !measure) continue;
        // A p that a test of the arms' counts gives (Fisher, χ², Yates, Wald) is that test's, not the
        // interval's: TR114 judges it.
        if (ep.type === 'binary' && pFromTheCounts(ctx.model, ep, c)) continue;
        const f = check({ what: `${ep.label}: ${describe(c, ctx.model)}`, measure, estimate, lo: ci[0], hi: ci[1], ciRange: c.ciRange ?? ci[0].range, level: c.ciLevel, p, pRange: p.range, sided: c.sided, prose: false });
        // One finding per defect: an impossible p (TR111) or a broken interval (TR108) supersedes it.
        if (f) out.push({ ...f, about: [c.ciRange ?? ci[0].range, estimate.range, p.range] });
      }
    }
    for (const pc of ctx.model.proseComparisons) {
      const e = pc.effect?.effect;
      const iv = pc.interval?.interval;
      const p = pc.p?.p;
      if (!e || !iv || !p || !pc.p) continue;
      // A difference named without its kind ("adjusted difference, −0.7 points") is tested on the
      // additive scale, against 0, like a mean difference.
      const measure = e.measure === 'difference' ? 'mean difference' : e.measure;
      const f = check({ what: `The ${e.measure}`, measure, estimate: e.value, lo: iv.lo, hi: iv.hi, ciRange: iv.range, level: iv.level, p, pRange: pc.p.range, sided: 2, prose: true });
      if (f) out.push({ ...f, about: [e.value.range, iv.range, pc.p.range] });
    }
    return out;
  },
};

function check(s: Stated): Finding | undefined {
  const { measure: m, estimate: est, lo, hi, p } = s;
  if (isRatio(m) && (lo.value <= 0 || est.value <= 0)) return undefined;
  const alpha = alphaOf({ ciLevel: s.level });
  // A one-sided p is compared with α/2 and, being explainable, never rises above a warning.
  const oneSided = s.sided === 1;
  const threshold = oneSided ? alpha / 2 : alpha;
  const nul = nullOf(m);
  const [loLo, loHi] = interval(lo);
  const [hiLo, hiHi] = interval(hi);
  const excludes = above(loLo, nul) || above(nul, hiHi);
  const includes = above(nul, loHi) && above(hiLo, nul);
  const [pLo, pHi] = pInterval(p);
  const ciText = `${lo.text} to ${hi.text}`;
  const related = [{ message: `${s.level}% CI ${ciText}`, range: s.ciRange }];
  if ((excludes && pLo >= threshold) || (includes && pHi < threshold)) {
    return {
      ruleId: 'TR109',
      severity: oneSided ? 'warning' : 'error',
      message: excludes
        ? `${s.what}: the ${s.level}% CI ${ciText} excludes ${nul}, so p should be below ${formatP(alpha)}, but p = ${p.text}.`
        : `${s.what}: the ${s.level}% CI ${ciText} includes ${nul}, so p should be at least ${formatP(alpha)}, but p ${p.op} ${p.text.replace(/^[<>≤≥=]+\s*/, '')}.`,
      range: s.pRange,
      related,
    };
  }
  // The p implied by the interval, over the corners of the rounding intervals.
  const z = zForLevel(s.level);
  const f = isRatio(m) ? Math.log : (x: number): number => x;
  let min = Infinity;
  let max = -Infinity;
  for (const e of interval(est)) {
    for (const a of [loLo, loHi]) {
      for (const b of [hiLo, hiHi]) {
        if (isRatio(m) && (a <= 0 || e <= 0)) continue;
        const se = (f(b) - f(a)) / (2 * z);
        if (!(se > 0)) continue;
        const implied = twoSidedP((f(e) - f(nul)) / se) / (oneSided ? 2 : 1);
        min = Math.min(min, implied);
        max = Math.max(max, implied);
      }
    }
  }
  if (!Number.isFinite(min) || !(pHi * 3 < min || pLo > max * 3)) return undefined;
  return {
    ruleId: 'TR109',
    severity: 'warning',
    message: `${s.what}: the ${s.level}% CI ${ciText} implies p between ${formatP(min)} and ${formatP(max)}, but the reported p is ${/^[<>≤≥]/.test(p.text) || p.op === '=' ? p.text : `${p.op}${p.text}`}.`,
    range: s.pRange,
    expected: [s.prose ? (max < 0.001 ? 'p < 0.001' : `p = ${formatP((min + max) / 2)}`) : max < 0.001 ? '"<0.001"' : formatP((min + max) / 2)],
    related,
  };
}

/** Whether the comparison's p agrees with a usual test of the two arms' counts (TR114's methods). */
function pFromTheCounts(model: TrialModel, ep: Endpoint, c: Comparison): boolean {
  const a = armShare(model, ep, c.arm?.value)?.counts;
  const b = armShare(model, ep, c.versus?.value)?.counts;
  if (!a || !b || !c.p) return false;
  const cells: [number, number, number, number] = [a.events, a.n - a.events, b.events, b.n - b.events];
  const methods = [fisherP(...cells), chiSquareP(...cells, false), chiSquareP(...cells, true)].filter((x): x is number => x !== undefined);
  if (methods.length === 0) return false;
  const [pLo, pHi] = pInterval(c.p);
  const alpha = alphaOf(c);
  // Same side of α (a p whose rounding straddles α agrees with either), and within 3× of it.
  const sameSide = (x: number): boolean => (x < alpha ? pLo < alpha : pHi >= alpha);
  return methods.some((x) => x >= pLo / 3 && x <= pHi * 3 && sameSide(x));
}
