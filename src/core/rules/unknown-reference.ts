import type { Finding, Range } from '../types.js';
import { joinWords } from '../numbers.js';
import type { Rule } from './rule.js';

/** TR204: a `results` key or a comparison's `arm`/`versus` that names no declared arm. */
export const unknownReference: Rule = {
  id: 'TR204',
  alias: 'unknown-reference',
  defaultSeverity: 'error',
  description: 'a results key or comparison arm naming no declared arm',
  fixable: true,
  needsFrontMatter: true,
  run({ model }) {
    const ids = [...new Set(model.arms.map((a) => a.id))];
    if (ids.length === 0) return [];
    const out: Finding[] = [];
    const check = (id: string, range: Range, where: string, taken: string[] = []): void => {
      if (ids.includes(id)) return;
      // Offer only ids that would not repeat a key already in that mapping.
      const free = ids.filter((i) => !taken.includes(i));
      out.push({
        ruleId: 'TR204',
        severity: 'error',
        message: `\`${id}\` ${where} names no declared arm; the arms are ${joinWords(ids.map((i) => `\`${i}\``))}.`,
        range,
        ...(free.length ? { expected: free.sort((a, b) => similarity(b, id) - similarity(a, id)) } : {}),
      });
    };
    for (const ep of model.endpoints) {
      for (const r of ep.results) check(r.armId, r.keyRange, `under the results of ${ep.label}`, ep.results.map((x) => x.armId));
      for (const c of ep.comparisons) {
        if (c.arm) check(c.arm.value, c.arm.range, `in a comparison of ${ep.label}`);
        if (c.versus) check(c.versus.value, c.versus.range, `in a comparison of ${ep.label}`);
      }
    }
    for (const ae of model.adverseEvents) for (const r of ae.results) check(r.armId, r.keyRange, `under the results of ${ae.term}`, ae.results.map((x) => x.armId));
    return out;
  },
};

/** Length of the common prefix: enough to put `il2-1.0` first for a mistyped `il2-2.0`. */
function similarity(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
