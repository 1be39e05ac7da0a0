// "respectively" lists (docs/linking.md, "The constructions"), in any order and of any length,
// also with two quantities per group:
//   "48.6% and 31.2% for X and placebo, respectively"
//   "in the 10 mg, 5 mg and placebo groups were 46.9%, 36.7% and 23.7%, respectively"
//   "AEs and SAEs occurred in 58% and 6% of group A, respectively, and in 66% and 9% of group B"
// The names nearest before "respectively" (arms, or outcomes) are matched in order with every list
// of as many values in the same `;`-segment of the sentence.
import type { Hit } from './names.js';
import { nameLists, outcomeOf, segmentAround, valueLists, type Claim, type SentenceView } from './view.js';

const RESPECTIVELY = /\brespectively\b/gi;

export function respectively(s: SentenceView): Claim[] {
  const out: Claim[] = [];
  RESPECTIVELY.lastIndex = 0;
  for (let m = RESPECTIVELY.exec(s.text); m; m = RESPECTIVELY.exec(s.text)) {
    const [from, to] = segmentAround(s, m.index);
    const inSegment = (l: Hit[]): boolean => l[0]!.start >= from && l[l.length - 1]!.end <= to && l.length >= 2;
    const lists = [...nameLists(s, ['arm']), ...nameLists(s, ['endpoint', 'ae'])].filter(inSegment);
    const before = lists.filter((l) => l[l.length - 1]!.end <= m!.index).sort((a, b) => b[b.length - 1]!.end - a[a.length - 1]!.end);
    const names = before[0] ?? lists.sort((a, b) => a[0]!.start - b[0]!.start)[0];
    const valueRuns = valueLists(s, from, to);
    if (!names) {
      // "… in the dapagliflozin group and … in the placebo group; 276 (11.6%) and 329 (13.9%),
      // respectively, died": no list of names, but the sentence names as many arms as values.
      const arms = firstMentions(s.hits.filter((h) => h.kind === 'arm'));
      for (const values of valueRuns) {
        if (values.length < 2) continue;
        let ids: string[] | undefined;
        if (arms.length > 0) {
          if (values.length === arms.length && values.every((v) => s.raws[v]!.start >= arms[arms.length - 1]!.end)) ids = arms.map((h) => h.id);
        } else {
          // "The mortality rates for the three groups were 4.8%, 4.1%, and 7.4%, respectively": the
          // groups of the previous sentence's list.
          ids = s.previousArmLists?.().filter((l) => l.length === values.length).pop();
        }
        if (ids) values.forEach((mention, k) => out.push({ mention, armId: ids![k]!, via: 'respectively list' }));
      }
      continue;
    }
    for (const values of valueRuns) {
      if (values.length !== names.length) continue;
      values.forEach((mention, k) => {
        const h = names[k]!;
        out.push(h.kind === 'arm' ? { mention, armId: h.id, via: 'respectively list' } : { mention, ...outcomeOf(h), via: 'respectively list' });
      });
    }
  }
  return out;
}

/** The first occurrence of each distinct name, in order. */
function firstMentions(hits: Hit[]): Hit[] {
  const seen = new Set<string>();
  return hits.filter((h) => !seen.has(h.id) && !!seen.add(h.id));
}
