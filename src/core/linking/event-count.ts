// Counts of events are not group sizes (docs/linking.md, "The constructions"):
//   "a flare occurred in 57 participants"   "57 patients had a flare"   "12 patients (8%) died"
// Such a number is a count of patients with the outcome: it is compared as a count when a
// construction names its arm, and never with an arm's or the trial's size.
import type { RawMention } from '../mentions.js';
import type { Claim, SentenceView } from './view.js';

const BEFORE = /\b(?:occurred|(?:was|were)\s{1,3}(?:confirmed|identified|detected)|confirmed|identified|detected|was\s{1,3}observed|were\s{1,3}observed|observed|was\s{1,3}reported|were\s{1,3}reported|reported|was\s{1,3}seen|were\s{1,3}seen|seen|noted|developed|was\s{1,3}found|were\s{1,3}found|found|happened|arose|was\s{1,3}diagnosed|were\s{1,3}diagnosed|diagnosed|recorded|documented)\s{1,3}in\s{1,3}(?:a\s{1,3}total\s{1,3}of\s{1,3}|only\s{1,3}|just\s{1,3}|all\s{1,3})?$/i;
const AFTER = /^\s{0,3}(?:\([^()]{0,40}\)\s{0,3})?(?:(?:in\s{1,3}the\s{1,3}[^,;.]{1,30}?\s{1,3}(?:group|arm)\s{1,3}))?(?:also\s{1,3})?(?:had|have|experienced|developed|died|suffered|needed|required|achieved|reached|responded|relapsed|reported|sustained|showed|presented|were\s{1,3}(?:hospitali[sz]ed|admitted|readmitted|cured|infected)|underwent\s{1,3}(?!randomi))\b/i;

/** Is this "N patients" a count of patients who had an event? */
export function isEventCount(text: string, r: RawMention): boolean {
  if (r.kind !== 'sample-size' || r.role === 'group') return false;
  return BEFORE.test(text.slice(Math.max(0, r.start - 50), r.start)) || AFTER.test(text.slice(r.end, r.end + 80));
}

/** "… confirmed in 185 participants in the placebo group and in 11 participants in the …": the frame goes on. */
const GOES_ON = /(?:,|\band|\bor|\bversus|\bvs\.?|\bcompared\s{1,3}with|\bagainst)\s{1,3}(?:(?:with|in|among)\s{1,3})?$/i;

export function eventCount(s: SentenceView): Claim[] {
  const out: Claim[] = [];
  let previous = false;
  s.raws.forEach((r, i) => {
    const events = isEventCount(s.text, r) || (previous && r.kind === 'sample-size' && r.role !== 'group' && GOES_ON.test(s.text.slice(Math.max(0, r.start - 20), r.start)));
    if (events) out.push({ mention: i, events: true, via: 'event count' });
    if (r.kind === 'sample-size') previous = events;
  });
  return out;
}
