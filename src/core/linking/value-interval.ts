// Intervals that belong to a value, not to a comparison: "47% (95% credible interval, 39 to 55)",
// "3.3 per 1000 person-years; 95% CI, 1.7 to 6.0", "efficacy was 94.1% (95% CI, 89.3 to 96.8%)",
// "relative reduction 22.5%, 95% CI 8.1–36.9". Such an interval is an arm's (or a relative
// measure's) own precision: it is neither an effect's CI nor a comparison of its own.
import type { RawMention } from '../mentions.js';

const VALUE_THEN_BRACKET = /^(?:\s{0,3}[,;]|\s{1,3}(?!(?:and|or|vs\.?|versus|compared|than|whereas|while|but)\b)[a-z][^\d;()[\]{}]{0,30}?)?\s{0,3}[([{]?\s{0,3}$/i;
const NUMBER_THEN_BRACKET = /\d(?:[.,]\d+)?\s{0,3}(?:%|[a-zµμ/-]{1,15}(?:\s{1,3}[a-z/-]{1,15})?)?\s{0,3}[([{]\s{0,3}$/i;

/** Whether the interval `raws[i]` is the CI of the value written just before it. */
export function isValueInterval(text: string, raws: readonly RawMention[], i: number, depth: readonly number[]): boolean {
  const r = raws[i]!;
  if (r.kind !== 'interval') return false;
  // The nearest mention before the interval, and what stands between them.
  const prev = raws[i - 1];
  const level = depth[r.start]!;
  // The start of the interval's own part: after the last ";" of its bracket, or the bracket's opening.
  let from = r.start;
  while (from > 0 && depth[from - 1]! >= level && !(text[from - 1] === ';' && depth[from - 1] === level)) {
    if (depth[from - 1]! === level && '([{'.includes(text[from - 1]!)) break;
    from--;
  }
  const part = text.slice(from, r.start);
  if (prev && prev.end <= r.start && prev.start >= from) {
    // A value in the same part: the interval is its CI when that value is not an effect.
    return prev.kind !== 'effect';
  }
  // An unread number in the same part ("56.5 per 1000 person-years; 95% CI …" reads as two parts:
  // then the bracket's first part decides).
  if (/\d/.test(part)) return true;
  // Right after a value, with at most a short phrase and a bracket between: "94.1% (95% CI …)",
  // "75% with TDF-FTC (95% CI, 55 to 87)".
  if (prev && VALUE_THEN_BRACKET.test(text.slice(prev.end, r.start))) return prev.kind !== 'effect';
  // Right after a number the checker does not read: "11.1 months (95% CI, 7.4–14.6)".
  if (NUMBER_THEN_BRACKET.test(text.slice(Math.max(0, r.start - 40), r.start))) return true;
  // The first part of its bracket, when the interval is in a later part: "(56.5 per 1000 person-years; 95% CI …)".
  const open = bracketOpen(text, from, level, depth);
  if (open >= 0) {
    const head = text.slice(open + 1, from);
    const effectInside = raws.some((x) => x.kind === 'effect' && x.start > open && x.end <= r.start);
    return !effectInside && /\d/.test(head);
  }
  return false;
}

/** The opening bracket of the bracket that holds offset `at` (at bracket depth `level`), or -1. */
function bracketOpen(text: string, at: number, level: number, depth: readonly number[]): number {
  if (level === 0) return -1;
  for (let k = at - 1; k >= 0; k--) if (depth[k] === level && '([{'.includes(text[k]!)) return k;
  return -1;
}
