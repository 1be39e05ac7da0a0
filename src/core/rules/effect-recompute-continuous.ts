import { fixed } from '../continuous.js';
import { overlaps, writtenInterval } from '../numbers.js';
import { zForLevel } from '../stats.js';
import type { ArmResult, Finding, TrialModel, WrittenNumber } from '../types.js';
import { describe } from './comparisons.js';
import { armById } from './rule.js';

type Interval = [number, number];

const iv = (x: WrittenNumber): Interval => writtenInterval(x.value, x.decimals);

/** The interval of an arm's SD: written, or from its SE as se·√n. */
function sdInterval(r: ArmResult): Interval | undefined {
  if (r.sd) return iv(r.sd);
  if (r.se && r.n) {
    const [lo, hi] = iv(r.se);
    const k = Math.sqrt(r.n.value);
    return [lo * k, hi * k];
  }
  return undefined;
}

/**
 * TR110 for continuous and rate results (docs/rules/TR110.md). An unadjusted mean difference
 * must equal the difference of the arms' means within rounding, and the standard error its
 * interval implies must lie within [0.67, 1.5] × √(sd₁²/n₁ + sd₂²/n₂): wide enough for pooled
 * or Welch SEs and for t or z quantiles. Comparisons not marked `adjusted: false`, and results
 * marked as estimates, are left alone: baseline adjustment moves both the estimate and its SE.
 * A rate must equal events / person-years × rate_per within rounding.
 */
export function continuousRecompute(model: TrialModel): Finding[] {
  const out: Finding[] = [];
  for (const ep of model.endpoints) {
    for (const c of ep.comparisons) {
      if (c.measure?.value !== 'mean difference' || c.adjusted !== false) continue;
      const a = ep.results.find((r) => r.armId === c.arm?.value);
      const b = ep.results.find((r) => r.armId === c.versus?.value);
      if (!a?.mean || !b?.mean || a.estimate || b.estimate) continue;
      const [a0, a1] = iv(a.mean);
      const [b0, b1] = iv(b.mean);
      const crude: Interval = [a0 - b1, a1 - b0];
      const est = c.estimate;
      if (est && !overlaps(iv(est), crude)) {
        const mid = a.mean.value - b.mean.value;
        const d = Math.max(est.decimals, a.mean.decimals, b.mean.decimals);
        out.push({
          ruleId: 'TR110',
          severity: 'warning',
          message: `${ep.label}: the ${describe(c, model)} is ${est.text}, but the means give ${a.mean.text} − ${b.mean.value < 0 ? `(${b.mean.text})` : b.mean.text} = ${fixed(mid, d)}; the comparison is marked unadjusted, so they should agree.`,
          range: est.range,
          expected: [fixed(mid, est.decimals)],
          related: [
            { message: `${armById(model, a.armId)?.label ?? a.armId}: mean ${a.mean.text}`, range: a.mean.range },
            { message: `${armById(model, b.armId)?.label ?? b.armId}: mean ${b.mean.text}`, range: b.mean.range },
          ],
          about: [c.ciRange ?? est.range],
        });
        continue;
      }
      const sa = sdInterval(a);
      const sb = sdInterval(b);
      if (!c.ci || !c.ciRange || !sa || !sb || !a.n || !b.n || a.n.value < 2 || b.n.value < 2) continue;
      const [lo, hi] = c.ci;
      const z = zForLevel(c.ciLevel);
      const width: Interval = [iv(hi)[0] - iv(lo)[1], iv(hi)[1] - iv(lo)[0]];
      if (width[1] <= 0) continue; // a reversed interval is TR108's
      const implied: Interval = [Math.max(0, width[0]) / (2 * z), width[1] / (2 * z)];
      const se = (s: Interval, k: 0 | 1): number => Math.sqrt(s[k] ** 2 / a.n!.value);
      const seB = (s: Interval, k: 0 | 1): number => Math.sqrt(s[k] ** 2 / b.n!.value);
      const expected: Interval = [Math.hypot(se(sa, 0), seB(sb, 0)), Math.hypot(se(sa, 1), seB(sb, 1))];
      const band: Interval = [0.67 * expected[0], 1.5 * expected[1]];
      if (overlaps(implied, band)) continue;
      const mid = Math.hypot(Math.sqrt((sa[0] + sa[1]) ** 2 / 4 / a.n.value), Math.sqrt((sb[0] + sb[1]) ** 2 / 4 / b.n.value));
      const half = z * mid;
      const center = est ? est.value : a.mean.value - b.mean.value;
      const d = Math.max(lo.decimals, hi.decimals);
      out.push({
        ruleId: 'TR110',
        severity: 'warning',
        message:
          `${ep.label}: the ${c.ciLevel}% CI ${lo.text} to ${hi.text} implies a standard error of about ${((implied[0] + implied[1]) / 2).toPrecision(2)}, ` +
          `but the arms' SDs and sizes give ${mid.toPrecision(2)} (√(sd₁²/n₁ + sd₂²/n₂)); an interval of about ${fixed(center - half, d)} to ${fixed(center + half, d)} would fit them.`,
        range: c.ciRange,
        related: [
          { message: `${armById(model, a.armId)?.label ?? a.armId}: n = ${a.n.value}`, range: a.n.range },
          { message: `${armById(model, b.armId)?.label ?? b.armId}: n = ${b.n.value}`, range: b.n.range },
        ],
      });
    }
  }
  for (const owner of [...model.endpoints.map((e) => ({ label: e.label, results: e.results })), ...model.adverseEvents.map((a) => ({ label: a.term, results: a.results }))]) {
    for (const r of owner.results) out.push(...rateFinding(model, owner.label, r));
  }
  return out;
}

function rateFinding(model: TrialModel, label: string, r: ArmResult): Finding[] {
  if (!r.rate || !r.events || !r.personYears || !Number.isSafeInteger(r.events.value)) return [];
  const per = r.ratePer?.value ?? 100;
  const [p0, p1] = iv(r.personYears);
  if (p0 <= 0 || per <= 0) return [];
  const computed: Interval = [(r.events.value / p1) * per, (r.events.value / p0) * per];
  if (overlaps(iv(r.rate), computed)) return [];
  const mid = (r.events.value / r.personYears.value) * per;
  const arm = armById(model, r.armId)?.label ?? r.armId;
  return [
    {
      ruleId: 'TR110',
      severity: 'warning',
      message: `${label}, ${arm}: a rate of ${r.rate.text} per ${per} person-years does not follow from ${r.events.value} events in ${r.personYears.text} person-years, which give ${fixed(mid, r.rate.decimals)}${r.ratePer ? '' : ' (rate_per defaults to 100)'}.`,
      range: r.rate.range,
      expected: [fixed(mid, r.rate.decimals)],
      related: [
        { message: `${r.events.value} events`, range: r.events.range },
        { message: `${r.personYears.text} person-years`, range: r.personYears.range },
      ],
    },
  ];
}
