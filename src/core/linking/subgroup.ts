// Subgroup frames: the numbers in the scope of "Among the 261 patients whose tumours carried an EGFR
// mutation, …" or "whereas among the 176 patients without the mutation …" describe a subgroup,
// not an arm of the front matter, even when they name an arm ("longer with gefitinib (hazard
// ratio, 0.48 …)"). They stay unlinked, up to the next `;`, contrast word or the sentence's end.
import { PEOPLE_WORDS, type Claim, type SentenceView } from './view.js';

const PEOPLE = PEOPLE_WORDS;
const QUALIFIER = String.raw`(?:who|whose|with|without|aged|in\s{1,3}whom|younger|older|having|carrying|positive|negative)\b`;
/** What describes the trial's own population, not a subgroup. */
const WHOLE = /^\s{0,3}(?:who|that)\s{1,3}(?:were|had\s{1,3}been|underwent|received\s{1,3}(?:at\s{1,3}least|any|the\s{1,3}(?:assigned|allocated|study))|completed|took\s{1,3}part)|^\s{0,3}(?:with\s{1,3}(?:data|outcome|follow-?up|complete))/i;
const FRAME = new RegExp(
  String.raw`\b(?:among\s{1,3}(?:the\s{1,3})?(?:\d[\d,]{0,8}\s{1,3})?(?:[a-z-]{2,20}\s{1,3}){0,2}?${PEOPLE}\s{1,3}(?=${QUALIFIER})` +
    String.raw`|in\s{1,3}(?:the\s{1,3})?\d[\d,]{0,8}\s{1,3}(?:[a-z-]{2,20}\s{1,3}){0,2}?${PEOPLE}\s{1,3}(?=${QUALIFIER})` +
    String.raw`|in\s{1,3}(?:the|a|each|every)\s{1,3}(?:[a-z-]{2,20}\s{1,3}){0,3}?subgroups?\b|among\s{1,3}subgroups?\b` +
    // "particularly in women treated within 3 hours of giving birth (RR = 0.69 …)"
    String.raw`|(?:particularly|especially|notably|mainly|mostly|only)\s{1,3}(?:in|among)\s{1,3}(?:the\s{1,3})?(?:[a-z-]{2,20}\s{1,3}){0,2}?${PEOPLE}\b)`,
  'gi',
);
const END = /;|\b(?:whereas|while|but|however|in\s{1,3}contrast|compared\s{1,3}with\s{1,3}the\s{1,3}overall)\b/gi;

export function subgroup(s: SentenceView): Claim[] {
  const out: Claim[] = [];
  FRAME.lastIndex = 0;
  for (let m = FRAME.exec(s.text); m; m = FRAME.exec(s.text)) {
    const start = m.index;
    if (WHOLE.test(s.text.slice(start + m[0].length, start + m[0].length + 60))) continue;
    END.lastIndex = start + m[0].length;
    let end = s.text.length;
    for (let e = END.exec(s.text); e; e = END.exec(s.text)) {
      if (s.depth[e.index] === s.depth[start]) {
        end = e.index;
        break;
      }
    }
    s.raws.forEach((r, i) => {
      if (r.start >= start && r.end <= end) out.push({ mention: i, none: 'all', via: 'subgroup' });
    });
  }
  return out;
}
