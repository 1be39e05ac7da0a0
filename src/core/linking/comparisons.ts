// Grouping a sentence's effect, interval and p into the comparisons it states.
import type { RawMention } from '../mentions.js';
import type { Mention, ProseComparison, Sentence } from '../types.js';
import { distinct, type Hit } from './names.js';

/**
 * An effect and the interval and p that follow it in the same sentence form one comparison,
 * e.g. "(risk difference 36.8 percentage points, 95% CI 16.2 to 57.4; p = 0.001)". A p or CI
 * with no effect before it is a comparison of its own, for TR109 and TR112.
 */
export function groupComparisons(mentions: Mention[], raws: readonly RawMention[], hits: readonly Hit[], index: number, s: Sentence, out: ProseComparison[]): void {
  // The outcome is the anchor mention's own (its clause's, or the sentence's only one; none in a
  // subgroup's scope). The arms are those the effect's own words name, else the sentence's.
  const where = (m: Mention) => {
    const raw = raws[mentions.indexOf(m)];
    const named = raw && m.kind === 'effect' ? distinct(hits.filter((h) => h.start >= raw.start && h.end <= raw.end), 'arm') : [];
    return { armIds: named.length ? named : s.armIds, ...(named.length ? { armsNamed: true } : {}), ...(m.link.endpointId !== undefined ? { endpointId: m.link.endpointId } : {}) };
  };
  let current: ProseComparison | undefined;
  for (const m of mentions) {
    // A value's own interval, and a p of a non-inferiority test, belong to no comparison of arms.
    if (m.ofValue || m.marginTest) continue;
    if (m.kind === 'effect') {
      current = { sentence: index, effect: m, ...where(m) };
      out.push(current);
    } else if (m.kind === 'interval' && current && !current.interval && !current.p) {
      current.interval = m;
    } else if (m.kind === 'p' && current && !current.p) {
      current.p = m;
    } else if (m.kind === 'p' || m.kind === 'interval') {
      const last = out[out.length - 1];
      if (m.kind === 'p' && last && last.sentence === index && !last.effect && last.interval && !last.p) last.p = m;
      else {
        out.push({ sentence: index, ...(m.kind === 'p' ? { p: m } : { interval: m }), ...where(m) });
        current = undefined;
      }
    }
  }
}
