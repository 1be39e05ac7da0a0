// Whole-trial frames (docs/linking.md, "The constructions") describe the trial, never an arm, however
// many arms the sentence names:
//   "A total of 1,210 patients …"   "389 patients underwent randomization"
//   "We randomly assigned 1,210 patients to …"   "Patients (n = 389) were randomized to …"
//   "20,211 adult trauma patients were randomly assigned to tranexamic acid or placebo"
// A number randomised to one arm alone ("133 patients were allocated to X") is that arm's.
import { randomisedLater } from '../mentions.js';
import { isEventCount } from './event-count.js';
import { ARM_LIST_AFTER, type Claim, type SentenceView } from './view.js';

const TOTAL_BEFORE = /\b(?:a\s{1,3}total\s{1,3}of|in\s{1,3}total,?|overall,?|altogether,?)\s{1,3}$/i;
const ASSIGNED_BEFORE = /\b(?:we|investigators|researchers|they)?\s{0,3}(?:(?:enrolled|recruited)\s{1,3}and\s{1,3})?(?:randomly\s{1,3})?(?:assigned|randomi[sz]ed|allocated)\s{1,3}(?:a\s{1,3}total\s{1,3}of\s{1,3})?$/i;
const RANDOMISED_AFTER = /^\s{0,3}\)?\s{0,3}(?:who\s{1,3})?(?:(?:were|was|had\s{1,3}been)\s{1,3})?(?:(?:randomly|equally|centrally)\s{1,3})?(?:randomi[sz]ed|assigned|allocated|underwent\s{1,3}randomi[sz]ation)\b/i;
/** "Patients (n = 389) were randomized": a people word, then the bracket holding n. */
const PEOPLE_BRACKET = /\b(?:patients|participants|subjects|people|women|men|children|adults|infants|neonates|volunteers)\s{0,3}[([]\s{0,3}$/i;
/** "to X" where X is one arm only: that arm's number, not the trial's. */
const TO_ONE_ARM = /^[^.;\d]{0,170}?\bto\s{1,3}(?:receive\s{1,3})?(?:the\s{1,3})?$/i;

export function wholeTrial(s: SentenceView): Claim[] {
  const out: Claim[] = [];
  s.raws.forEach((r, i) => {
    if (r.kind !== 'sample-size' || !r.total || r.role === 'other' || isEventCount(s.text, r)) return;
    const before = s.text.slice(Math.max(0, r.start - 60), r.start);
    const after = s.text.slice(r.end, r.end + 80);
    const numberAt = r.total.start;
    const framed =
      TOTAL_BEFORE.test(s.text.slice(Math.max(0, numberAt - 30), numberAt)) ||
      ASSIGNED_BEFORE.test(before) ||
      (r.role === 'group' && PEOPLE_BRACKET.test(before) && RANDOMISED_AFTER.test(after)) ||
      (r.role !== 'group' && RANDOMISED_AFTER.test(after)) ||
      (r.role === 'randomized' && randomisedLater(s.text.slice(r.end, r.end + 170))) ||
      r.role === 'trial';
    if (!framed || toOneArm(s, r.end)) return;
    out.push({ mention: i, trial: true, via: 'whole-trial frame' });
  });
  return out;
}

/** Whether the number goes on to be randomised "to" a single arm. */
function toOneArm(s: SentenceView, from: number): boolean {
  const arms = s.hits.filter((h) => h.kind === 'arm' && h.start >= from);
  const first = arms[0];
  if (!first || !TO_ONE_ARM.test(s.text.slice(from, first.start))) return false;
  const second = arms.find((h) => h.id !== first.id);
  return !(second && ARM_LIST_AFTER.test(s.text.slice(first.end, second.start)));
}
