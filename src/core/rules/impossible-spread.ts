import { beyond, fixed, maxSampleSd, valueBounds } from '../continuous.js';
import { writtenInterval } from '../numbers.js';
import type { Finding } from '../types.js';
import { armById, type Rule } from './rule.js';

const fmt = (x: number): string => String(Number(x.toFixed(2)));

/**
 * TR117: a mean outside the scale's bounds, or an SD larger than any set of values within the
 * bounds can have (the Bhatia–Davis inequality), judged over the rounding intervals of the mean
 * and the SD (docs/rules/TR117.md).
 */
export const impossibleSpread: Rule = {
  id: 'TR117',
  alias: 'impossible-spread',
  defaultSeverity: 'error',
  description: "a mean outside the scale's bounds, or an SD larger than values within them can have (Bhatia–Davis)",
  fixable: false,
  // A mean outside the scale is the defect; whether it is also impossible for its n is moot.
  supersedes: [{ rule: 'TR116' }],
  needsFrontMatter: true,
  run({ model }) {
    const out: Finding[] = [];
    for (const ep of model.endpoints) {
      if (ep.type !== 'continuous' || !ep.scale) continue;
      const [min, max] = valueBounds(ep.scale, ep.change);
      if (min === undefined && max === undefined) continue;
      const bounds =
        min !== undefined && max !== undefined
          ? ep.change
            ? `changes on a ${fmt(ep.scale.min!.value)}–${fmt(ep.scale.max!.value)} scale lie between ${fmt(min)} and ${fmt(max)}`
            : `the scale runs from ${fmt(min)} to ${fmt(max)}`
          : min !== undefined
            ? `the scale's minimum is ${fmt(min)}`
            : `the scale's maximum is ${fmt(max!)}`;
      for (const r of ep.results) {
        if (!r.mean) continue;
        const arm = armById(model, r.armId)?.label ?? r.armId;
        const related = [{ message: 'the scale', range: ep.scale.range }];
        const below = min !== undefined && beyond(r.mean, min, false);
        const above = max !== undefined && beyond(r.mean, max, true);
        if (below || above) {
          out.push({
            ruleId: 'TR117',
            severity: 'error',
            message: `${ep.label}, ${arm}: a mean of ${r.mean.text} is ${below ? 'below' : 'above'} every possible value: ${bounds}.`,
            range: r.mean.range,
            related,
          });
          continue;
        }
        if (!r.sd || min === undefined || max === undefined || r.estimate) continue;
        const n = r.n && Number.isSafeInteger(r.n.value) && r.n.value >= 2 ? r.n.value : 2;
        const [mLo, mHi] = writtenInterval(r.mean.value, r.mean.decimals);
        const bound = maxSampleSd(min, max, mLo, mHi, n);
        const [sdLo] = writtenInterval(r.sd.value, r.sd.decimals);
        if (sdLo <= bound + 1e-9) continue;
        out.push({
          ruleId: 'TR117',
          severity: 'error',
          message: `${ep.label}, ${arm}: an SD of ${r.sd.text} is impossible with a mean of ${r.mean.text} when ${bounds}: ${r.n ? `${n} values` : 'values'} with that mean have an SD of at most ${fixed(bound, Math.max(r.sd.decimals, 1) + 1)} (Bhatia–Davis).`,
          range: r.sd.range,
          related: [{ message: `mean ${r.mean.text}`, range: r.mean.range }, ...related],
        });
      }
    }
    return out;
  },
};
