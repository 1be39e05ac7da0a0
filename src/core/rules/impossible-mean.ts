import { granularityOf, grimMean, signedScaled, type Granularity } from '../continuous.js';
import type { Finding } from '../types.js';
import { armById, type Rule } from './rule.js';

/** "whole-number scores", "scores in steps of 0.5", "means of 9 items scored in whole numbers". */
export function describeGranularity(g: Granularity, change: boolean): string {
  const step = g.step.decimals === 0 && g.step.units === 1n ? 'whole numbers' : `steps of ${g.step.units === 0n ? 0 : Number(g.step.units) / 10 ** g.step.decimals}`;
  const what = change ? 'changes of scores' : 'scores';
  return g.items > 1 ? `${what} that are means of ${g.items} items scored in ${step}` : `${what} in ${step}`;
}

/**
 * TR116: GRIM for means. With a scale's `step` (and `items`), the mean of n participants' values
 * is a whole multiple of step/(n·items) from the scale's minimum; a written mean that no such
 * value rounds to is impossible (docs/rules/TR116.md).
 */
export const impossibleMean: Rule = {
  id: 'TR116',
  alias: 'impossible-mean',
  defaultSeverity: 'error',
  severityNote: 'error / warning',
  description: 'a mean no set of whole-number scores can give for its n (GRIM for means)',
  fixable: true,
  needsFrontMatter: true,
  run({ model }) {
    const out: Finding[] = [];
    for (const ep of model.endpoints) {
      if (ep.type !== 'continuous') continue;
      const g = granularityOf(ep.scale, ep.change);
      if (!g) continue;
      for (const r of ep.results) {
        if (!r.mean || !r.n || r.estimate) continue;
        const mean = signedScaled(r.mean.text);
        if (!mean) continue;
        const v = grimMean(mean, r.n.value, g);
        if (v.kind === 'fits' || v.kind === 'untestable') continue;
        const arm = armById(model, r.armId)?.label ?? r.armId;
        const scores = describeGranularity(g, ep.change);
        if (v.kind === 'truncated') {
          out.push({
            ruleId: 'TR116',
            severity: 'warning',
            message: `${ep.label}, ${arm}: a mean of ${r.mean.text} for ${r.n.value} participants with ${scores} is possible only if a longer mean was truncated, not rounded.`,
            range: r.mean.range,
            related: [{ message: `n = ${r.n.value}`, range: r.n.range }],
          });
          continue;
        }
        out.push({
          ruleId: 'TR116',
          severity: 'error',
          message: `${ep.label}, ${arm}: no ${r.n.value} participants with ${scores} have a mean of ${r.mean.text}; the nearest possible means are ${v.nearest.join(' and ')}.`,
          range: r.mean.range,
          expected: v.nearest,
          related: [
            { message: `n = ${r.n.value}`, range: r.n.range },
            ...(ep.scale ? [{ message: 'the scale', range: ep.scale.range }] : []),
          ],
        });
      }
    }
    return out;
  },
};
