import { formatAtLeast, seInterval } from '../continuous.js';
import { overlaps, writtenInterval } from '../numbers.js';
import type { Finding } from '../types.js';
import { armById, type Rule } from './rule.js';
import { bodySdSeConfusion } from './sd-se-body.js';

/**
 * TR118: a standard error written as an SD, or the reverse. In the front matter, a result giving
 * both `sd` and `se` must have se = sd/√n within rounding (an error); in the body, a value
 * labelled SD (or a bare ±) that matches the SE and not the SD, or a labelled SE that matches the
 * SD, is a warning (docs/rules/TR118.md).
 */
export const sdSeConfusion: Rule = {
  id: 'TR118',
  alias: 'sd-se-confusion',
  defaultSeverity: 'warning',
  severityNote: 'warning / error',
  description: 'a standard error written as an SD or the reverse, or front-matter `se` ≠ `sd`/√n',
  fixable: true,
  // A body value compared here is not also compared with the front matter by TR105.
  supersedes: [{ rule: 'TR105' }],
  needsFrontMatter: true,
  run(ctx) {
    const out: Finding[] = [];
    const { model } = ctx;
    for (const ep of model.endpoints) {
      for (const r of ep.results) {
        if (!r.sd || !r.se || !r.n || !Number.isSafeInteger(r.n.value) || r.n.value < 1) continue;
        const expected = seInterval(r.sd, r.n.value);
        if (overlaps(writtenInterval(r.se.value, r.se.decimals), expected)) continue;
        const se = r.sd.value / Math.sqrt(r.n.value);
        const arm = armById(model, r.armId)?.label ?? r.armId;
        const fix = formatAtLeast(se, r.se.decimals);
        out.push({
          ruleId: 'TR118',
          severity: 'error',
          message: `${ep.label}, ${arm}: se ${r.se.text} is not sd/√n = ${r.sd.text}/√${r.n.value} = ${fix}.${Math.abs(r.se.value - r.sd.value) < 1e-9 ? '' : ' One of them is mistyped, or one is not what its key says.'}`,
          range: r.se.range,
          expected: [fix],
          related: [
            { message: `sd ${r.sd.text}`, range: r.sd.range },
            { message: `n = ${r.n.value}`, range: r.n.range },
          ],
        });
      }
    }
    out.push(...bodySdSeConfusion(ctx));
    return out;
  },
};
