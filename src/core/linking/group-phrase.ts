// Numbers and the group phrase that names their arm (docs/linking.md, "The constructions"):
//   "41.2% of the patients in the X group and 28.9% of those in the placebo group"
//   "none of the 12 patients in the sham group"   "36.8% on 0.2 MIU"   "133 patients allocated to X"
//   "In the placebo group, 23.7% responded"
// A phrase that goes on to name a second arm ("randomised to X or placebo") is a list, and says
// nothing about one arm.
import { ARM_LIST_AFTER, isArmLevel, PEOPLE_WORDS, type Claim, type SentenceView } from './view.js';

const PEOPLE = PEOPLE_WORDS;
const TO_ARM = String.raw`(?:in|on|with|to|receiving|given|taking|using|starting|started\s{1,3}on|initiating|(?:(?:who\s{1,3})?(?:were|was|had\s{1,3}been)\s{1,3})?(?:(?:randomly|concurrently|equally)\s{1,3})?(?:assigned|allocated|randomi[sz]ed)\s{1,3}(?:(?:concurrently|equally)\s{1,3})?to|treated\s{1,3}with|who\s{1,3}received|who\s{1,3}were\s{1,3}given|who\s{1,3}took|for)`;
/** From the end of a value to the start of the arm's name. */
const AFTER_VALUE = new RegExp(
  String.raw`^\s{0,3}(?:` +
    // "of the patients in the", "of those in the", "of the 12 patients in the", "of the", "of"
    String.raw`of\s{1,3}(?:(?:the|all)\s{1,3})?(?:\d[\d,]{0,8}\s{1,3})?(?:${PEOPLE}\s{1,3})?(?:(?:\S{1,20}\s{1,3})?${TO_ARM}\s{1,3})?(?:the\s{1,3})?` +
    // "in the", "with", "on", "among patients receiving the", "for"
    String.raw`|(?:(?:${PEOPLE}|were|was)\s{1,3})?(?:${TO_ARM}|among)\s{1,3}(?:(?:the|all)\s{1,3})?(?:${PEOPLE}\s{1,3}(?:${TO_ARM}\s{1,3})?(?:the\s{1,3})?)?` +
    String.raw`)$`,
  'i',
);
/** A bare share in a bracket right after the arm: "levetiracetam (47%; 95% credible interval …)". */
const SHARE_AFTER_ARM = /^\s{0,3}(?:groups?|arms?)?\s{0,3}[([]\s{0,3}\d{1,3}(?:\.\d{1,3})?\s{0,2}%\s{0,3}[;,)\]]/i;
/** Before the arm, when its values follow: "In the placebo group, 23.7% …". */
const LEADING = new RegExp(String.raw`(?:^|[\s,;(])(?:in|among|with|for|on)\s{1,3}(?:the\s{1,3})?(?:${PEOPLE}\s{1,3}(?:in|on|receiving|given)\s{1,3}(?:the\s{1,3})?)?$`, 'i');
const NAME_LIST_JOIN = /^\s{0,3}(?:groups?|arms?)?\s{0,3},?\s{0,3}(?:(?:and|or)\s{1,3})?(?:the\s{1,3})?$/i;
const AFTER_LEADING = /^\s{0,3}(?:groups?|arms?|recipients)?\s{0,3},\s{0,3}/i;
/** Words that end the stretch of values a leading phrase governs. */
const STOP = /\b(?:compared|versus|vs\.?|than|whereas|while|but|respectively)\b|;/i;

/** "1.9% of those in the pooled vaccine group": a group phrase naming no declared arm. */
const OTHER_GROUP = new RegExp(String.raw`^\s{0,3}(?:of\s{1,3}(?:(?:the|all)\s{1,3})?(?:${PEOPLE}\s{1,3})?)?(?:(?:in|on|among|receiving)\s{1,3})?the\s{1,3}(?:[a-z][a-z-]{1,20}\s{1,3}){1,3}(?:group|arm)s?\b`, 'i');

export function groupPhrase(s: SentenceView): Claim[] {
  const out: Claim[] = [];
  // Values followed by a group phrase naming a group that is no declared arm: unlinked.
  s.raws.forEach((r, i) => {
    if (!isArmLevel(r)) return;
    const m = OTHER_GROUP.exec(s.text.slice(r.end, r.end + 90));
    if (!m) return;
    const end = r.end + m[0].length;
    if (s.hits.some((h) => h.kind === 'arm' && h.start >= r.end && h.start < end)) return;
    out.push({ mention: i, none: 'arm', via: 'group phrase' });
  });
  const respectively = /\brespectively\b/i.test(s.text);
  s.hits.forEach((h, hi) => {
    if (h.kind !== 'arm') return;
    const next = s.hits.find((x, k) => k > hi && x.kind === 'arm');
    if (next && next.id !== h.id && ARM_LIST_AFTER.test(s.text.slice(h.end, next.start))) return;
    const prevHit = s.hits.slice(0, hi).reverse().find((x) => x.kind === 'arm');
    // Values before the phrase: the nearest arm-level mention, and the list it ends when the
    // sentence distributes two quantities over one group ("58% and 6% of group A, respectively").
    let last = -1;
    for (let i = s.raws.length - 1; i >= 0; i--) {
      const r = s.raws[i]!;
      if (r.end <= h.start && (!prevHit || r.start >= prevHit.end)) {
        last = i;
        break;
      }
    }
    const r = s.raws[last];
    if (r && isArmLevel(r) && AFTER_VALUE.test(s.text.slice(r.end, h.start))) {
      out.push({ mention: last, armId: h.id, via: 'group phrase' });
      // "in 68 patients assigned to levetiracetam (47%; …)": the arm's share follows, so the
      // number counts patients with the outcome, not the arm's size.
      if (r.kind === 'sample-size' && SHARE_AFTER_ARM.test(s.text.slice(h.end, h.end + 20))) out.push({ mention: last, events: true, via: 'group phrase' });
      if (respectively) {
        for (let i = last - 1; i >= 0; i--) {
          const p = s.raws[i]!;
          if (!isArmLevel(p) || (prevHit && p.start < prevHit.end) || !/^[\s,]{0,4}(?:and\s{1,3})?$/i.test(s.text.slice(p.end, s.raws[i + 1]!.start))) break;
          out.push({ mention: i, armId: h.id, via: 'group phrase' });
        }
      }
      return;
    }
    // "In the placebo group, 23.7% responded and 5.3% had a flare": values up to the next arm or
    // comparison; not when the arm ends a list of arms ("In the amoxicillin, cefdinir, and placebo
    // groups, 88.7%, 90.9%, and 85.1% …, respectively").
    if (prevHit && NAME_LIST_JOIN.test(s.text.slice(prevHit.end, h.start))) return;
    const lead = LEADING.test(s.text.slice(Math.max(0, h.start - 60), h.start));
    const comma = AFTER_LEADING.exec(s.text.slice(h.end));
    if (!lead || !comma) return;
    const from = h.end + comma[0].length;
    const stopAt = STOP.exec(s.text.slice(from));
    const to = Math.min(next ? next.start : s.text.length, stopAt ? from + stopAt.index : s.text.length);
    s.raws.forEach((x, i) => {
      if (x.start >= from && x.end <= to && isArmLevel(x) && s.depth[x.start] === s.depth[h.start]) out.push({ mention: i, armId: h.id, via: 'group phrase' });
    });
  });
  return out;
}
