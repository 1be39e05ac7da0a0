import { formatShare, isCount, scaled, shareFits, shareFitsTruncated } from '../numbers.js';
import type { Finding, Mention } from '../types.js';
import { bodyDenominator, percentUnit } from './body.js';
import { denominator, allResults, armById, type Rule, type RuleContext } from './rule.js';

/** TR103: a count, its denominator and its percentage that disagree, in front matter, prose and tables. */
export const percentCountMismatch: Rule = {
  id: 'TR103',
  alias: 'percent-count-mismatch',
  defaultSeverity: 'error',
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

/** TR103 in the body: `23/38 (60.5%)`, `23 (60.5%)` or an `n (%)` cell, against its own n. */
function shareVsCount(ctx: RuleContext, m: Mention): Finding | undefined {
  const events = m.events!;
  const share = m.share!;
  const p = scaled(share.text);
  const den = m.total ?? bodyDenominator(ctx.model, m)?.n;
  if (!p || !den || !isCount(den.value) || den.value <= 0 || !isCount(events.value) || events.value > den.value) return undefined;
  if (shareFits(p, events.value, den.value, ctx.rounding)) return undefined;
  const n = den.value;
  const unit = percentUnit(m);
  const exact = formatShare(events.value, n, Math.max(1, p.decimals));
  const atPrecision = formatShare(events.value, n, p.decimals);
  const truncated = shareFitsTruncated(p, events.value, n);
  const related = m.totalFromContext || !m.total ? [{ message: `n = ${n}`, range: den.range }] : [];
  return {
    ruleId: 'TR103',
    severity: truncated ? 'warning' : 'error',
    message: truncated
      ? `${events.value}/${n} is ${exact}%; ${share.text}% is consistent only if ${exact} was truncated to ${share.text}. Rounded, it is ${atPrecision}%.`
      : `${events.value}/${n} is ${exact}%, not ${share.text}%.`,
    range: share.range,
    expected: [`${atPrecision}${unit}`],
    ...(related.length ? { related } : {}),
  };
}
