// A sentence's time points against an outcome's: "At week 52, the leg-pain score was …" does not
// speak of "Leg-pain intensity score at week 8", even when the words name it. An endpoint whose
// label fixes a time point is not linked from a sentence that names other time points only.
const UNITS = String.raw`(hour|day|week|month|year)s?`;
/** "week 52", and lists: "weeks 26 and 52", "weeks 12, 24 or 48". */
const UNIT_FIRST = new RegExp(String.raw`\b${UNITS}\s{0,2}(\d{1,4}(?:\s{0,2}(?:,|and|or|to|–)\s{0,2}\d{1,4}){0,4})\b`, 'gi');
const NUMBER_FIRST = new RegExp(String.raw`\b(\d{1,4})(?:-|\s{1,2})${UNITS}\b`, 'gi');

/** "week 52", "52 weeks" and "52-week" as `week 52`; every number of a list. */
export function timepoints(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(UNIT_FIRST)) for (const n of m[2]!.match(/\d+/g)!) out.add(`${m[1]!.toLowerCase()} ${Number(n)}`);
  for (const m of text.matchAll(NUMBER_FIRST)) out.add(`${m[2]!.toLowerCase()} ${Number(m[1])}`);
  return out;
}

/** True when both name time points and none of the label's is among the sentence's. */
export function otherTimepoint(sentence: string, label: string): boolean {
  const own = timepoints(label);
  if (own.size === 0) return false;
  const said = timepoints(sentence);
  if (said.size === 0) return false;
  for (const t of own) if (said.has(t)) return false;
  return true;
}
