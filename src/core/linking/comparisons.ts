// Grouping a sentence's effect, interval and p into the comparisons it states.
import type { Mention, ProseComparison, Sentence } from '../types.js';

/**
 * An effect and the interval and p that follow it in the same sentence form one comparison,
 * e.g. "(risk difference 36.8 percentage points, 95% CI 16.2 to 57.4; p = 0.001)". A p or CI
 * with no effect before it is a comparison of its own, for TR109 and TR112.
 */
export function groupComparisons(mentions: Mention[], index: number, s: Sentence, out: ProseComparison[]): void {
  const where = { armIds: s.armIds, ...(s.endpointIds.length === 1 ? { endpointId: s.endpointIds[0]! } : {}) };
  let current: ProseComparison | undefined;
  for (const m of mentions) {
    if (m.kind === 'effect') {
      current = { sentence: index, effect: m, ...where };
      out.push(current);
    } else if (m.kind === 'interval' && current && !current.interval && !current.p) {
      current.interval = m;
    } else if (m.kind === 'p' && current && !current.p) {
      current.p = m;
    } else if (m.kind === 'p' || m.kind === 'interval') {
      const last = out[out.length - 1];
      if (m.kind === 'p' && last && last.sentence === index && !last.effect && last.interval && !last.p) last.p = m;
      else {
        out.push({ sentence: index, ...(m.kind === 'p' ? { p: m } : { interval: m }), ...where });
        current = undefined;
      }
    }
  }
}
