import { formatShare, isCount, joinWords, scaled, shareFits, shareFitsTruncated, type Scaled } from '../numbers.js';
import type { Finding, Mention, RelatedLocation, TrialModel, WrittenNumber } from '../types.js';
import { bodyDenominator, linkedResult, percentUnit } from './body.js';
import { denominator, allResults, armById, type Rule, type RuleContext } from './rule.js';

/** TR103: a count, its denominator and its percentage that disagree, in front matter, prose and tables. */
export const percentCountMismatch: Rule = {
  id: 'TR103',
  alias: 'percent-count-mismatch',
  defaultSeverity: 'error',
  description: '`x/n (y%)` that disagree, in front matter, prose and tables; `k (y%)` with no denominator that fits none the report declares (warning)',
  fixable: true,
  supersedes: [{ rule: 'TR105' }],
  needsFrontMatter: false,
  run(ctx) {
    const { model } = ctx;
    const out: Finding[] = [];
    for (const { owner, result } of allResults(model)) {
      const { events, percent } = result;
      if (!events || !percent || result.estimate) continue;
      const arm = armById(model, result.armId);
      const n = denominator(result, arm);
      const p = scaled(percent.text);
      if (!n || !p || !isCount(n.value) || n.value <= 0 || events.value > n.value || !isCount(events.value)) continue;
      if (shareFits(p, events.value, n.value, ctx.rounding)) continue;
      const exact = formatShare(events.value, n.value, Math.max(1, p.decimals));
      const atPrecision = formatShare(events.value, n.value, p.decimals);
      const truncated = shareFitsTruncated(p, events.value, n.value);
      out.push({
        ruleId: 'TR103',
        severity: truncated ? 'warning' : 'error',
        message: truncated
          ? `${owner}, ${arm?.label ?? result.armId}: ${events.value}/${n.value} is ${exact}%; ${percent.text}% is consistent only if ${exact} was truncated to ${percent.text}. Rounded, it is ${atPrecision}%.`
          : `${owner}, ${arm?.label ?? result.armId}: ${events.value}/${n.value} is ${exact}%, not ${percent.text}%.`,
        range: percent.range,
        expected: [atPrecision],
        related: [
          { message: `${events.value} events`, range: events.range },
          { message: `n = ${n.value}`, range: n.range },
        ],
      });
    }
    for (const m of ctx.model.mentions) {
      if (!m.events || !m.share || m.adjusted) continue;
      const found = shareVsCount(ctx, m);
      if (found) out.push(found);
    }
    return out;
  },
};

/**
 * TR103 in the body: `23/38 (60.5%)`, `23 (60.5%)` or an `n (%)` cell. With its denominator
 * written (or given by its table's header or n column), against that n. Without one
 * (docs/rules/TR103.md): against every denominator its arm declares, and, when no
 * construction names its arm and outcome, against every denominator the document declares; silent when one fits.
 */
function shareVsCount(ctx: RuleContext, m: Mention): Finding | undefined {
  const events = m.events!;
  const share = m.share!;
  const p = scaled(share.text);
  if (!p || !isCount(events.value)) return undefined;
  const fits = (n: number): boolean => isCount(n) && n > 0 && events.value <= n && shareFits(p, events.value, n, ctx.rounding);
  if (m.total) {
    if (!isCount(m.total.value) || m.total.value <= 0 || events.value > m.total.value || fits(m.total.value)) return undefined;
    return mismatch(m, m.total, m.totalFromContext ? [{ message: `n = ${m.total.value}`, range: m.total.range }] : [], 'error');
  }
  const linked = bodyDenominator(ctx.model, m);
  if (linked && [linked.n, ...linked.others].some((n) => fits(n.value))) return undefined;
  // A count linked by a construction to its arm and outcome: the linked n decides.
  if (linked && linkedResult(ctx.model, m) && !m.link.inferred && events.value <= linked.n.value) {
    return mismatch(m, linked.n, [{ message: `n = ${linked.n.value}`, range: linked.n.range }], 'error');
  }
  // The front matter's own result, written again (with `n: null` when its denominator is unknown).
  if (allResults(ctx.model).some(({ result }) => result.events?.value === events.value && result.percent?.value === share.value)) return undefined;
  // A group size printed in the same sentence ("Of 416 randomized, 411 were analyzed (… 247 [60%])").
  if (m.sentence >= 0 && wholeNumbersIn(ctx.model.sentences[m.sentence]?.text ?? '').some(fits)) return undefined;
  const declared = declaredDenominators(ctx.model);
  if (declared.length === 0 || declared.some((n) => fits(n))) return undefined;
  const implied = impliedDenominators(p, events.value);
  const unit = percentUnit(m);
  return {
    ruleId: 'TR103',
    severity: 'warning',
    message: `${events.value} (${share.text}%) fits no denominator the report declares (${joinWords(declared.map(String), 'or')}): ${events.value} is ${share.text}% of ${implied.length ? joinWords(implied.map(String), 'or') : 'no whole number of patients'}.${implied.length ? ' Give the denominator, or correct the count or the share.' : ''}`,
    range: share.range,
    ...(declared.length ? { expected: declared.filter((n) => n >= events.value).slice(0, 3).map((n) => `${formatShare(events.value, n, p.decimals)}${unit}`) } : {}),
  };
}

function mismatch(m: Mention, den: WrittenNumber, related: RelatedLocation[], severity: 'error' | 'warning'): Finding {
  const events = m.events!;
  const share = m.share!;
  const p = scaled(share.text)!;
  const n = den.value;
  const exact = formatShare(events.value, n, Math.max(1, p.decimals));
  const atPrecision = formatShare(events.value, n, p.decimals);
  const truncated = shareFitsTruncated(p, events.value, n);
  return {
    ruleId: 'TR103',
    severity: truncated ? 'warning' : severity,
    message: truncated
      ? `${events.value}/${n} is ${exact}%; ${share.text}% is consistent only if ${exact} was truncated to ${share.text}. Rounded, it is ${atPrecision}%.`
      : `${events.value}/${n} is ${exact}%, not ${share.text}%.`,
    range: share.range,
    expected: [`${atPrecision}${percentUnit(m)}`],
    ...(related.length ? { related } : {}),
  };
}

/** Every group size the report declares: the trial's, each arm's randomised and analysed, their sums, the flow's received and completed, results' n. */
export function declaredDenominators(model: TrialModel): number[] {
  const out = new Set<number>();
  const add = (w: WrittenNumber | undefined): void => {
    if (w && isCount(w.value) && w.value > 0) out.add(w.value);
  };
  add(model.trial.randomized);
  let randomized = 0;
  let analysed = 0;
  for (const a of model.arms) {
    add(a.randomized);
    add(a.analysed);
    randomized += a.randomized?.value ?? NaN;
    analysed += (a.analysed ?? a.randomized)?.value ?? NaN;
  }
  if (isCount(randomized) && randomized > 0) out.add(randomized);
  if (isCount(analysed) && analysed > 0) out.add(analysed);
  // The participant flow (format 1.1): those who received the intervention or completed the
  // study, per arm and in all, are denominators writers use ("135 of those who completed").
  add(model.trial.assessed);
  for (const key of ['received', 'completed'] as const) {
    let sum = 0;
    for (const a of model.arms) {
      add(a[key]);
      sum += a[key]?.value ?? NaN;
    }
    if (isCount(sum) && sum > 0) out.add(sum);
  }
  for (const { result } of allResults(model)) add(result.n);
  return [...out].sort((a, b) => a - b);
}

/** The whole numbers of patients of which k is p (rounded charitably), nearest first; at most 5. */
export function impliedDenominators(p: Scaled, k: number): number[] {
  if (k <= 0) return [];
  const value = Number(p.units) / 10 ** p.decimals;
  if (value <= 0) return [];
  const centre = (100 * k) / value;
  const out: number[] = [];
  const span = Math.max(3, Math.ceil(centre * 0.02));
  for (let n = Math.max(k, Math.floor(centre) - span); n <= Math.ceil(centre) + span; n++) if (shareFits(p, k, n)) out.push(n);
  return out.sort((a, b) => Math.abs(a - centre) - Math.abs(b - centre)).slice(0, 5).sort((a, b) => a - b);
}

/** The whole numbers written in a sentence, other than shares and decimals: its candidate group sizes. */
function wholeNumbersIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d{1,7})(?![\d.,]\d|\s{0,2}%)/g)) out.push(Number(m[1]!.replace(/,/g, '')));
  return out;
}
