import { fixed } from '../continuous.js';
import { overlaps, writtenInterval } from '../numbers.js';
import type { Finding } from '../types.js';
import { armShare } from './arm-data.js';
import { describe } from './comparisons.js';
import { continuousRecompute } from './effect-recompute-continuous.js';
import type { Rule, RuleContext } from './rule.js';

const odds = (p: number): number => p / (1 - p);

/**
 * TR110: risk difference, risk ratio and odds ratio recomputed from the arms' data, with
 * interval arithmetic over rounded shares. Unmarked comparisons may be adjusted, so they are
 * flagged only beyond 25% on the ratio scale or 3 percentage points (docs/rules/TR110.md).
 */
export const effectRecompute: Rule = {
  id: 'TR110',
  alias: 'effect-recompute',
  defaultSeverity: 'warning',
  description: 'risk difference, risk ratio, odds ratio, mean difference or rate that does not follow from the arm data',
  fixable: true,
  needsFrontMatter: true,
  run(ctx) {
    const out: Finding[] = [];
    const { model } = ctx;
    for (const ep of model.endpoints) {
      if (ep.type !== 'binary') continue;
      for (const c of ep.comparisons) {
        const m = c.measure?.value;
        const est = c.estimate;
        if (!est || !m || c.adjusted === true) continue;
        if (m !== 'risk difference' && m !== 'risk ratio' && m !== 'odds ratio') continue;
        const a = armShare(model, ep, c.arm?.value);
        const b = armShare(model, ep, c.versus?.value);
        if (!a || !b) continue;
        let crude: [number, number];
        if (m === 'risk difference') crude = [100 * (a.lo - b.hi), 100 * (a.hi - b.lo)];
        else if (b.lo <= 0 || a.lo <= 0 || (m === 'odds ratio' && (a.hi >= 1 || b.hi >= 1))) continue;
        else if (m === 'risk ratio') crude = [a.lo / b.hi, a.hi / b.lo];
        else crude = [odds(a.lo) / odds(b.hi), odds(a.hi) / odds(b.lo)];
        const e = writtenInterval(est.value, est.decimals);
        if (overlaps(e, crude)) continue;
        const ratio = m !== 'risk difference';
        if (ratio && e[0] <= 0) continue;
        const gap = ratio
          ? Math.max(Math.log(e[0]) - Math.log(crude[1]), Math.log(crude[0]) - Math.log(e[1]))
          : Math.max(e[0] - crude[1], crude[0] - e[1]);
        const tolerance = c.adjusted === false ? 0 : ratio ? Math.log(1.25) : 3;
        if (gap <= tolerance) continue;
        const digits = Math.max(est.decimals, ratio ? 2 : 1);
        const mid = (crude[0] + crude[1]) / 2;
        const shown = crude[1] - crude[0] < 10 ** -digits ? fixed(mid, digits) : `${fixed(crude[0], digits)} to ${fixed(crude[1], digits)}`;
        const src = a.counts && b.counts ? ` (${a.counts.events}/${a.counts.n} versus ${b.counts.events}/${b.counts.n})` : '';
        out.push({
          ruleId: 'TR110',
          severity: 'warning',
          message:
            `${ep.label}: the ${describe(c, model)} is ${est.text}, but the arm data${src} give ${shown}` +
            (c.adjusted === false ? '; the comparison is marked unadjusted, so they should agree.' : '. If the estimate is adjusted, mark it `adjusted: true`.'),
          range: est.range,
          expected: [fixed(mid, est.decimals)],
          // A broken interval (TR108) makes this recomputation moot.
          about: [c.ciRange ?? est.range],
        });
      }
    }
    out.push(...percentagePointsAsPercent(ctx));
    out.push(...continuousRecompute(model));
    return out;
  },
};

const COMPARATIVE = /^\s{0,3}(higher|more|greater|lower|less|fewer)\b/i;

/**
 * "Response was 19% higher with treatment than with control" where the arms differ by 19
 * percentage points: a relative change was written for an absolute one (docs/rules/TR110.md).
 */
function percentagePointsAsPercent(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const { model, doc } = ctx;
  for (const m of model.mentions) {
    if (m.kind !== 'share' || !m.relative || !m.share || m.sentence < 0) continue;
    const s = model.sentences[m.sentence]!;
    const after = doc.lines.text.slice(doc.lines.offset(m.share.range.end) + 1, doc.lines.offset(m.share.range.end) + 20);
    const word = COMPARATIVE.exec(after);
    if (!word || s.armIds.length !== 2 || s.endpointIds.length !== 1) continue;
    const ep = model.endpoints.find((e) => e.id === s.endpointIds[0]);
    if (!ep || ep.type !== 'binary') continue;
    const a = armShare(model, ep, s.armIds[0]);
    const b = armShare(model, ep, s.armIds[1]);
    if (!a || !b || a.lo <= 0 || b.lo <= 0) continue;
    const hiArm = (a.lo + a.hi) / 2 >= (b.lo + b.hi) / 2 ? a : b;
    const loArm = hiArm === a ? b : a;
    const pp: [number, number] = [100 * (hiArm.lo - loArm.hi), 100 * (hiArm.hi - loArm.lo)];
    const increase = /higher|more|greater/i.test(word[1]!);
    const rel: [number, number] = increase ? [100 * (hiArm.lo / loArm.hi - 1), 100 * (hiArm.hi / loArm.lo - 1)] : [100 * (1 - loArm.hi / hiArm.lo), 100 * (1 - loArm.lo / hiArm.hi)];
    const said = writtenInterval(m.share.value, m.share.decimals);
    if (!overlaps(said, pp) || overlaps(said, rel)) continue;
    const relText = ((rel[0] + rel[1]) / 2).toFixed(0);
    out.push({
      ruleId: 'TR110',
      severity: 'warning',
      message: `"${m.share.text}% ${word[1]}" reads as a relative change, but ${m.share.text} is the difference in percentage points between the arms (${ep.label}); relatively, the difference is about ${relText}%.`,
      // The whole "19%", so that "19 percentage points" or "61%" replaces the sign too.
      range: m.range,
      expected: [`${m.share.text} percentage points`, `${relText}%`],
    });
  }
  return out;
}
