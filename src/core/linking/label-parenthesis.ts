// An arm's label with its own numbers right after it (RULES.md, linking 1.1, construction 1):
//   "with drug X (19.0%, 38/200) versus placebo (27.5%, 55/200)"   "placebo (n = 75)"
//   "drug X, 10 mg daily (n=1,204), or placebo"                    "10 mg, 46.9%; placebo, 23.7%"
// A bracket holding a list of values for several arms ("on placebo (40.1% vs. 16.8%)") is a
// comparison frame's, not the label's.
import { closingBracket, isOpenBracket } from './sentences.js';
import { isArmLevel, type Claim, type SentenceView } from './view.js';

/** What may stand between a label and its bracket: "group", or a short description without a verb. */
const GAP = /^(?:\s{0,3}(?:groups?|arms?|recipients|alone))?(?:\s{0,3},\s{0,3}(?![^,]*\b(?:and|or|but|than|versus|vs|was|were|is|are|had|has|compared|whereas|while|respectively)\b)[^,;:()[\]{}%=]{1,30}?)?\s{0,3}$/i;
/** A list of values for several arms inside the bracket. */
const LIST_WORD = /\b(?:vs\.?|versus|and|or|compared with|compared to|than)\b/i;
/** "10 mg, 46.9%" / "placebo: 23.7%" / "placebo = 23.7%": a label, then its value. */
const LABEL_VALUE = /^(?:\s{0,3}(?:groups?|arms?))?\s{0,2}[,:=]\s{0,2}$/i;

export function labelParenthesis(s: SentenceView): Claim[] {
  const out: Claim[] = [];
  s.hits.forEach((h, hi) => {
    if (h.kind !== 'arm') return;
    const next = s.hits[hi + 1];
    const limit = next ? next.start : s.text.length;
    const open = findOpen(s.text, h.end, limit);
    if (open >= 0) {
      const close = closingBracket(s.text, open);
      if (close < 0 || close > limit) return;
      const inside = s.raws.map((r, i) => ({ r, i })).filter(({ r }) => r.start > open && r.end <= close && isArmLevel(r));
      if (inside.length === 0) return;
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
    // Only a value that ends its item: "placebo, 23.7%;" or "10 mg, 46.9%, and placebo" (not "placebo, 23.7% of whom…").
    if (!/^\s{0,3}(?:\([^()]{0,40}\))?\s{0,3}[.,]?\s{0,3}(?:(?:and|or)\s{1,3})?(?:the\s{1,3})?$/i.test(tail)) return;
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
