// An arm's label with its own numbers right after it (docs/linking.md, "The constructions"):
//   "with drug X (19.0%, 38/200) versus placebo (27.5%, 55/200)"   "placebo (n = 75)"
//   "drug X, 10 mg daily (n=1,204), or placebo"                    "10 mg, 46.9%; placebo, 23.7%"
// A bracket holding a list of values for several arms ("on placebo (40.1% vs. 16.8%)") is a
// comparison frame's, not the label's.
import { closingBracket, isOpenBracket } from './sentences.js';
import { isArmLevel, outcomeOf, type Claim, type SentenceView } from './view.js';

/** What may stand between a label and its bracket: "group", or a short description without a verb. */
const GAP = /^(?:\s{0,3}(?:groups?|arms?|recipients|alone))?(?:\s{0,3},\s{0,3}(?![^,]*\b(?:and|or|but|than|versus|vs|was|were|is|are|had|has|compared|whereas|while|respectively)\b)[^,;:()[\]{}%=]{1,30}?)?\s{0,3}$/i;
/** A list of values for several arms inside the bracket. */
const LIST_WORD = /\b(?:vs\.?|versus|and|or|compared with|compared to|than)\b/i;
/** "10 mg, 46.9%" / "placebo: 23.7%" / "placebo = 23.7%": a label, then its value. */
const LABEL_VALUE = /^(?:\s{0,3}(?:groups?|arms?))?\s{0,2}[,:=]\s{0,2}$/i;

/** What may stand between an outcome's name and its bracket: "rates", "at week 24". */
const OUTCOME_GAP = /^\s{0,3}(?:(?:rates?|events?|scores?|at\s{1,3}(?:week|month|day|year)s?\s{1,3}\d{1,3})\s{0,3})?$/i;

/** What may name the whole trial before "(n = …)": "Patients (n = 389)", "the trial (N = 389)". */
const WHOLE_BEFORE = /\b(?:patients|participants|subjects|people|women|men|children|adults|infants|neonates|volunteers|trial|study|total|overall|all|cohort|sample|population)\s{0,3}[([]\s{0,3}$/i;

export function labelParenthesis(s: SentenceView): Claim[] {
  const out: Claim[] = [];
  // "clopidogrel plus 50 to 325 mg/day aspirin (n=2432)": an n in a bracket after words that name
  // no arm belongs to what they describe, never (by fallback) to the one arm the sentence names.
  s.raws.forEach((r, i) => {
    if (r.kind !== 'sample-size' || r.role !== 'group' || s.depth[r.start] === 0) return;
    const open = openingBefore(s, r.start);
    if (open < 0 || WHOLE_BEFORE.test(s.text.slice(Math.max(0, open - 40), open + 1))) return;
    const prev = [...s.hits].reverse().find((h) => h.end <= open);
    if (prev && prev.kind === 'arm' && GAP.test(s.text.slice(prev.end, open))) return;
    out.push({ mention: i, none: 'arm', via: 'label parenthesis' });
  });
  s.hits.forEach((h, hi) => {
    if (h.kind !== 'arm') {
      // An outcome's name right before a bracket: "heart failure [2.8 vs. 4.5%; HR: 0.61 …]".
      const open = s.text.slice(h.end).search(/[([{]/);
      if (open < 0 || !OUTCOME_GAP.test(s.text.slice(h.end, h.end + open))) return;
      const at = h.end + open;
      const close = closingBracket(s.text, at);
      if (close < 0 || s.hits.some((x) => x.kind !== 'arm' && x.start > at && x.end <= close)) return;
      s.raws.forEach((r, i) => {
        if (r.start > at && r.end <= close) out.push({ mention: i, ...outcomeOf(h), via: 'label parenthesis' });
      });
      return;
    }
    const next = s.hits[hi + 1];
    const limit = next ? next.start : s.text.length;
    let open = findOpen(s.text, h.end, limit);
    // "gefitinib (250 mg per day) (609 patients)": past a bracket that describes the arm.
    while (open >= 0) {
      const close = closingBracket(s.text, open);
      if (close < 0 || s.raws.some((r) => r.start > open && r.end <= close && isArmLevel(r))) break;
      const next = /^\s{0,3}[([]/.exec(s.text.slice(close + 1));
      open = next ? close + next[0].length : -1;
    }
    if (open >= 0) {
      const close = closingBracket(s.text, open);
      if (close < 0 || close > limit) return;
      const inside = s.raws.map((r, i) => ({ r, i })).filter(({ r }) => r.start > open && r.end <= close && isArmLevel(r));
      if (inside.length === 0) return;
      // "placebo (372 patients)": the bracket's only number is the arm's size.
      const only = inside.length === 1 ? inside[0]! : undefined;
      if (only && only.r.kind === 'sample-size' && only.r.role === 'other' && /^\s{0,3}[([]\s{0,3}[\d,\u2009\u202f]{1,9}\s{1,3}[a-z]{3,15}\s{0,3}[)\]]$/i.test(s.text.slice(open, close + 1))) {
        out.push({ mention: only.i, armId: h.id, size: true, via: 'label parenthesis' });
        return;
      }
      // Two values joined by "vs" or "and" are a pair for two arms, not this arm's.
      for (let k = 1; k < inside.length; k++) if (LIST_WORD.test(s.text.slice(inside[k - 1]!.r.end, inside[k]!.r.start))) return;
      for (const { i } of inside) out.push({ mention: i, armId: h.id, via: 'label parenthesis' });
      return;
    }
    // "10 mg, 46.9%; 5 mg, 36.7%; placebo, 23.7%": the value right after the label, up to ; or the next label.
    const first = s.raws.findIndex((r) => r.start >= h.end);
    const r = s.raws[first];
    if (!r || r.start > limit || !isArmLevel(r) || !LABEL_VALUE.test(s.text.slice(h.end, r.start))) return;
    const semi = s.text.indexOf(';', r.end);
    const tail = s.text.slice(r.end, Math.min(limit, semi < 0 ? s.text.length : semi));
    // Only a value that ends its item: "placebo, 23.7%;", "10 mg, 46.9%, and placebo", or one that a
    // comparison goes on from: "with tranexamic acid: 1463 deaths (14.5%) against 1613 (16.0%) with
    // placebo" (not "placebo, 23.7% of whom…").
    if (!/^\s{0,3}(?:\([^()]{0,40}\))?\s{0,3}[.,]?\s{0,3}(?:(?:(?:and|or)\s{1,3})?(?:the\s{1,3})?$|(?:against|versus|vs\.?|compared\s{1,3}with)\s)/i.test(tail)) return;
    out.push({ mention: first, armId: h.id, via: 'label parenthesis' });
  });
  return out;
}

/** The offset of a bracket opening right after a label (and its short description), or -1. */
function findOpen(text: string, from: number, limit: number): number {
  const max = Math.min(limit, from + 50);
  for (let i = from; i < max; i++) {
    if (isOpenBracket(text[i])) return GAP.test(text.slice(from, i)) ? i : -1;
  }
  return -1;
}

/** The bracket a mention opens with ("(n=2432)"), or -1 when text stands between. */
function openingBefore(s: SentenceView, start: number): number {
  let i = start - 1;
  while (i >= 0 && /\s/.test(s.text[i]!)) i--;
  return isOpenBracket(s.text[i]) ? i : -1;
}
