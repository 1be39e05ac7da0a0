import { formatShare, isCount, overlaps, scaled, shareFitsTruncated, writtenInterval } from '../numbers.js';
import type { Comparison, Finding, Mention, ProseComparison, Range, WrittenNumber } from '../types.js';
import { linkedResult, percentUnit } from './body.js';
import { interval, pInterval } from './comparisons.js';
import { readCharitably } from './charitable.js';
import { denominator, armById, type Rule, type RuleContext } from './rule.js';
import { isImpossibleP } from './impossible-value.js';

/**
 * TR105: the same fact with two values. A mention linked to (arm, endpoint) is compared with the
 * front matter by its count when it has one, otherwise by its share, by interval overlap; a
 * comparison stated in prose is compared number by number with its front-matter comparison.
 */
export const valueDisagrees: Rule = {
  id: 'TR105',
  alias: 'value-disagrees',
  defaultSeverity: 'error',
  description: 'a number in the body that disagrees with the front matter (a warning when its link was inferred and no other reading agrees)',
  fixable: true,
  supersedes: [{ rule: 'TR104' }],
  needsFrontMatter: true,
  run(ctx) {
    const out: Finding[] = [];
    for (const m of ctx.model.mentions) {
      if (m.kind !== 'share' && m.kind !== 'count') continue;
      const f = compareResult(ctx, m);
      if (!f) continue;
      // An inferred link is read charitably first: another arm of the sentence may be meant.
      const reported = readCharitably(ctx, m, f, (link) => {
        const other = { ...m, link };
        return linkedResult(ctx.model, other) ? !compareResult(ctx, other) : undefined;
      });
      if (reported) out.push(reported);
    }
    for (const pc of ctx.model.proseComparisons) out.push(...compareComparison(ctx, pc));
    return out;
  },
};

function compareResult(ctx: RuleContext, m: Mention): Finding | undefined {
  const linked = linkedResult(ctx.model, m);
  if (!linked) return undefined;
  const { result, owner } = linked;
  const arm = armById(ctx.model, result.armId);
  const n = denominator(result, arm);
  const who = `${owner}, ${arm?.label ?? result.armId}`;
  // Each finding names the front-matter values it compares with (`about`): one that is itself
  // impossible (TR102, TR103, TR111, TR201) supersedes it, one finding per defect.
  const usable = (v: WrittenNumber | undefined): v is WrittenNumber => !!v;
  const declared = (v: WrittenNumber): { message: string; range: Range }[] => [{ message: `${who}: ${v.text} in the front matter`, range: v.range }];

  // docs/linking.md, "The constructions": an adjusted (model-based, weighted) result is compared by the share
  // printed beside it only; its k/n is TR103's to check against that share.
  if (result.estimate && m.share && !m.relative && !m.nonShare) {
    if (!usable(result.percent) || overlaps(writtenInterval(m.share.value, m.share.decimals), writtenInterval(result.percent.value, result.percent.decimals))) return undefined;
    return {
      ruleId: 'TR105',
      severity: 'error',
      message: `${who}: the text says ${m.share.text}%, but the front matter's ${result.estimate.value} estimate is ${result.percent.text}%.`,
      range: m.share.range,
      expected: [`${result.percent.text}${percentUnit(m)}`],
      related: declared(result.percent),
      about: [result.percent.range],
    };
  }
  if (m.events) {
    if (usable(result.events)) {
      if (m.events.value !== result.events.value) {
        // The fix rewrites the whole mention, so "31/60 (51.7%)" becomes "30/60 (50.0%)" and not
        // "30/60 (51.7%)", which TR103 would then flag.
        const edits: [Range, string][] = [[m.events.range, result.events.text]];
        const den = m.total ?? n;
        if (m.share && den && den.value > 0) edits.push([m.share.range, formatShare(result.events.value, den.value, m.share.decimals)]);
        return {
          ruleId: 'TR105',
          severity: 'error',
          message: `${who}: the text says ${m.events.value}${m.total ? `/${m.total.value}` : ''}, but the front matter says ${result.events.value}${n ? `/${n.value}` : ''}.`,
          range: m.range,
          expected: [rewrite(ctx, m.range, edits)],
          related: declared(result.events),
          about: [result.events.range],
        };
      }
      if (m.total && !m.totalFromContext && usable(n) && m.total.value !== n.value) {
        return {
          ruleId: 'TR105',
          severity: 'error',
          message: `${who}: the text gives the denominator ${m.total.value}, but the front matter says n = ${n.value}.`,
          range: m.total.range,
          expected: [n.text],
          related: declared(n),
          about: [n.range],
        };
      }
      return undefined;
    }
    // The front matter gives only a percentage: compare the exact share k/n with it.
    if (!usable(result.percent) || !m.total || !isCount(m.total.value) || m.total.value === 0 || !isCount(m.events.value)) return undefined;
    const share = (100 * m.events.value) / m.total.value;
    if (overlaps([share, share], writtenInterval(result.percent.value, result.percent.decimals))) return undefined;
    return {
      ruleId: 'TR105',
      severity: 'error',
      message: `${who}: ${m.events.value}/${m.total.value} is ${formatShare(m.events.value, m.total.value, 1)}%, but the front matter says ${result.percent.text}%.`,
      range: m.events.range,
      related: declared(result.percent),
      about: [result.percent.range],
    };
  }

  const share = m.share;
  // An adjusted or model-based share legitimately differs from the crude events/n.
  // A share TR103 or TR111 flags is superseded by that finding (same range).
  if (!share || m.relative || m.nonShare || m.adjusted) return undefined;
  const mine = writtenInterval(share.value, share.decimals);
  let theirs: [number, number] | undefined;
  let theirsText = '';
  let source: WrittenNumber | undefined;
  if (usable(result.events) && n && n.value > 0 && !result.estimate) {
    const v = (100 * result.events.value) / n.value;
    theirs = [v, v];
    theirsText = `${result.events.value}/${n.value} = ${formatShare(result.events.value, n.value, Math.max(1, share.decimals))}%`;
    source = result.events;
  } else if (usable(result.percent)) {
    theirs = writtenInterval(result.percent.value, result.percent.decimals);
    theirsText = `${result.percent.text}%`;
    source = result.percent;
  }
  if (!theirs || !source || overlaps(mine, theirs)) return undefined;
  const expected = result.events && n ? formatShare(result.events.value, n.value, share.decimals) : result.percent?.text;
  // Rule 3: a share that only truncation reproduces is a warning, not an error.
  const written = scaled(share.text);
  const truncated = !!written && source === result.events && !!n && shareFitsTruncated(written, result.events!.value, n.value);
  return {
    ruleId: 'TR105',
    severity: truncated ? 'warning' : 'error',
    message: truncated
      ? `${who}: the text says ${share.text}%, which the front matter's ${theirsText} gives only if truncated; rounded, it is ${expected}%.`
      : `${who}: the text says ${share.text}%, but the front matter says ${theirsText}.`,
    range: share.range,
    ...(expected ? { expected: [`${expected}${percentUnit(m)}`] } : {}),
    related: declared(source),
    about: [source.range],
  };
}

/** The source text of `range` with some of the numbers inside it replaced. */
function rewrite(ctx: RuleContext, range: Range, edits: [Range, string][]): string {
  const { lines } = ctx.doc;
  const start = lines.offset(range.start);
  let text = lines.text.slice(start, lines.offset(range.end));
  for (const [r, value] of [...edits].sort((a, b) => lines.offset(b[0].start) - lines.offset(a[0].start))) {
    const s = lines.offset(r.start) - start;
    const e = lines.offset(r.end) - start;
    if (s < 0 || e > text.length) continue;
    text = text.slice(0, s) + value + text.slice(e);
  }
  return text;
}

/** The front-matter comparison a prose comparison states: same endpoint, measure and arms. */
function matchComparison(ctx: RuleContext, pc: ProseComparison): Comparison | undefined {
  if (!pc.endpointId || !pc.effect?.effect) return undefined;
  const ep = ctx.model.endpoints.find((e) => e.id === pc.endpointId);
  if (!ep) return undefined;
  const measure = pc.effect.effect.measure;
  const sameMeasure = ep.comparisons.filter((c) => c.measure && (c.measure.value === measure || (measure === 'difference' && c.measure.value === 'risk difference' && pc.effect!.effect!.percentagePoints)));
  const arms = new Set(pc.armIds);
  // "relative risk with protocol-based therapy vs. usual care": an effect that names one declared
  // arm only compares it with something the front matter does not hold (a pooled group).
  if (pc.armsNamed && arms.size < 2) return undefined;
  const byArms = arms.size === 2 ? sameMeasure.filter((c) => c.arm && c.versus && arms.has(c.arm.value) && arms.has(c.versus.value)) : sameMeasure;
  return byArms.length === 1 ? byArms[0] : undefined;
}

function compareComparison(ctx: RuleContext, pc: ProseComparison): Finding[] {
  const c = matchComparison(ctx, pc);
  if (!c || !c.measure) return [];
  // A comparison whose interval is impossible, in the text or the front matter (TR108), is not
  // compared again: the finding names them (`about`) so that TR108 supersedes it.
  const about = [pc.effect?.effect?.value.range, pc.interval?.range, c.ciRange ?? c.range, c.estimate?.range].filter((r): r is Range => !!r);
  const what = c.measure.value;
  // One finding per stated comparison, however many of its numbers differ.
  const diffs: { said: Range; text: string; expected: string; declared: Range }[] = [];
  const pairs: [WrittenNumber | undefined, WrittenNumber | undefined, string][] = [[pc.effect?.effect?.value, c.estimate, 'estimate']];
  const iv = pc.interval?.interval;
  if (iv && c.ci) pairs.push([iv.lo, c.ci[0], 'lower confidence limit'], [iv.hi, c.ci[1], 'upper confidence limit']);
  for (const [said, declared, name] of pairs) {
    if (!said || !declared || overlaps(interval(said), interval(declared))) continue;
    diffs.push({ said: said.range, text: `${name} ${said.text} (front matter: ${declared.text})`, expected: declared.text, declared: declared.range });
  }
  const p = pc.p?.p;
  // An impossible front-matter p (TR111's) is not compared; the rest of the comparison still is.
  if (p && c.p && !isImpossibleP(c.p) && !overlaps(pInterval(p), pInterval(c.p))) {
    const expected = c.p.op === '=' ? `p = ${c.p.text}` : `p ${c.p.text.replace(/^([<>≤≥]=?)\s*/, '$1 ')}`;
    diffs.push({ said: pc.p!.range, text: `p ${p.op === '=' ? '= ' : p.op}${p.text.replace(/^[<>≤≥=]+\s*/, '')} (front matter: ${c.p.text})`, expected, declared: c.p.range });
  }
  const first = diffs[0];
  if (!first) return [];
  return [
    {
      ruleId: 'TR105',
      severity: 'error',
      message: `The ${what} in the text disagrees with the front matter: ${diffs.map((d) => d.text).join('; ')}.`,
      range: first.said,
      expected: [first.expected],
      related: diffs.map((d) => ({ message: `declared in the front matter`, range: d.declared })),
      about,
    },
  ];
}
