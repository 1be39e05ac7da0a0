import { beyond, valueBounds } from '../continuous.js';
import { writtenInterval } from '../numbers.js';
import type { ArmResult, Endpoint, Finding, WrittenNumber } from '../types.js';
import { bodyContinuous } from '../body-continuous.js';
import { armById, type Rule, type RuleContext } from './rule.js';

interface Named {
  name: string;
  x: WrittenNumber;
}

/** a ≤ b, unless even the rounding intervals cannot make it so. */
const outOfOrder = (a: WrittenNumber, b: WrittenNumber): boolean => writtenInterval(a.value, a.decimals)[0] > writtenInterval(b.value, b.decimals)[1] + 1e-9;

/** The order statistics of a result, in the order they must be: range lo ≤ iqr lo ≤ median ≤ iqr hi ≤ range hi. */
function chain(r: ArmResult): Named[] {
  const out: Named[] = [];
  if (r.range) out.push({ name: 'the minimum', x: r.range[0] });
  if (r.iqr) out.push({ name: 'the lower quartile', x: r.iqr[0] });
  if (r.median) out.push({ name: 'the median', x: r.median });
  if (r.iqr) out.push({ name: 'the upper quartile', x: r.iqr[1] });
  if (r.range) out.push({ name: 'the maximum', x: r.range[1] });
  return out;
}

/**
 * TR119: medians, quartiles and ranges in order and inside the scale; a median inside its own
 * confidence interval; a mean inside the observed range (docs/rules/TR119.md). One finding per
 * broken relation group: the chain of order statistics, the median's CI, the mean, each value
 * outside the scale.
 */
export const orderStatistics: Rule = {
  id: 'TR119',
  alias: 'order-statistics',
  defaultSeverity: 'error',
  description: 'medians, quartiles and ranges out of order or outside the scale, a median outside its CI, a mean outside the range',
  fixable: false,
  needsFrontMatter: true,
  run(ctx) {
    const { model } = ctx;
    const out: Finding[] = [];
    for (const ep of model.endpoints) {
      for (const r of ep.results) {
        const who = `${ep.label}, ${armById(model, r.armId)?.label ?? r.armId}`;
        out.push(...chainFindings(who, chain(r)));
        if (r.median && r.medianCi) {
          const [lo, hi] = r.medianCi;
          if (outOfOrder(lo, r.median) || outOfOrder(r.median, hi)) {
            out.push({
              ruleId: 'TR119',
              severity: 'error',
              message: `${who}: the median ${r.median.text} lies outside its own confidence interval ${lo.text} to ${hi.text}.`,
              range: r.median.range,
              related: [{ message: `CI ${lo.text} to ${hi.text}`, range: lo.range }],
            });
          }
        }
        if (r.mean && r.range && (outOfOrder(r.range[0], r.mean) || outOfOrder(r.mean, r.range[1]))) {
          out.push({
            ruleId: 'TR119',
            severity: 'error',
            message: `${who}: the mean ${r.mean.text} lies outside the observed range ${r.range[0].text} to ${r.range[1].text}.`,
            range: r.mean.range,
            related: [{ message: `range ${r.range[0].text} to ${r.range[1].text}`, range: r.range[0].range }],
          });
        }
        out.push(...outsideScale(who, ep, r));
      }
    }
    out.push(...bodyOrder(ctx));
    return out;
  },
};

/** One finding for a chain out of order, on the value that breaks most of its relations. */
function chainFindings(who: string, c: Named[]): Finding[] {
  const broken = new Map<Named, number>();
  for (let i = 0; i < c.length; i++) {
    for (let j = i + 1; j < c.length; j++) {
      if (!outOfOrder(c[i]!.x, c[j]!.x)) continue;
      broken.set(c[i]!, (broken.get(c[i]!) ?? 0) + 1);
      broken.set(c[j]!, (broken.get(c[j]!) ?? 0) + 1);
    }
  }
  if (broken.size === 0) return [];
  // The median when tied: the summary a reader quotes, and the value between the others.
  const worst = [...broken.entries()].sort((a, b) => b[1] - a[1] || (a[0].name === 'the median' ? -1 : b[0].name === 'the median' ? 1 : 0))[0]![0];
  const others = c.filter((n) => n !== worst);
  return [
    {
      ruleId: 'TR119',
      severity: 'error',
      message: `${who}: ${worst.name}, ${worst.x.text}, is out of order: ${c.map((n) => `${n.name} ${n.x.text}`).join(' ≤ ')} must hold.`,
      range: worst.x.range,
      related: others.map((n) => ({ message: `${n.name} ${n.x.text}`, range: n.x.range })),
    },
  ];
}

function outsideScale(who: string, ep: Endpoint, r: ArmResult): Finding[] {
  if (!ep.scale || ep.type !== 'continuous') return [];
  const [min, max] = valueBounds(ep.scale, ep.change);
  const values: Named[] = [...chain(r)];
  const out: Finding[] = [];
  for (const v of values) {
    const below = min !== undefined && beyond(v.x, min, false);
    const above = max !== undefined && beyond(v.x, max, true);
    if (!below && !above) continue;
    out.push({
      ruleId: 'TR119',
      severity: 'error',
      message: `${who}: ${v.name}, ${v.x.text}, is ${below ? 'below the lowest' : 'above the highest'} possible value (${below ? min : max}).`,
      range: v.x.range,
      related: [{ message: 'the scale', range: ep.scale.range }],
    });
  }
  return out;
}

const WHAT = { IQR: 'interquartile range', range: 'range', CI: 'confidence interval' } as const;
/** Words before a centre that make a CI the median's, not an effect's. */
const MEDIAN_BEFORE = /\bmedian\b(?![^.;]{0,60}\b(?:ratio|difference)\b)[^.;]{0,60}$/i;

/**
 * Body forms (`median (IQR lo–hi)`, `[range lo–hi]`, a median with its CI): the bounds in order
 * and the centre inside them. Needs no front matter, so nothing is guessed.
 */
function bodyOrder(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const s of bodyContinuous(ctx.model, ctx.doc).summaries) {
    if (!s.lo || !s.hi || (s.label !== 'IQR' && s.label !== 'range' && s.label !== 'CI')) continue;
    if (s.label === 'CI' && s.where === 'prose') {
      const upTo = s.context.slice(0, Math.max(0, s.context.indexOf(s.centre.text)));
      if (!MEDIAN_BEFORE.test(upTo)) continue;
    }
    const what = WHAT[s.label];
    if (outOfOrder(s.lo, s.hi)) {
      out.push({
        ruleId: 'TR119',
        severity: 'error',
        message: `The ${what} ${s.lo.text} to ${s.hi.text} runs backwards: its lower bound is above its upper bound.`,
        range: s.lo.range,
        related: [{ message: `upper bound ${s.hi.text}`, range: s.hi.range }],
      });
    } else if (outOfOrder(s.lo, s.centre) || outOfOrder(s.centre, s.hi)) {
      const centre = s.label === 'range' ? 'value' : 'median';
      out.push({
        ruleId: 'TR119',
        severity: 'error',
        message: `The ${centre} ${s.centre.text} lies outside its own ${what}, ${s.lo.text} to ${s.hi.text}.`,
        range: s.centre.range,
        related: [{ message: `${what} ${s.lo.text} to ${s.hi.text}`, range: s.lo.range }],
      });
    }
  }
  return out;
}
