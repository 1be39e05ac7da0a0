// A pair or list of values after a comparison frame (docs/linking.md, "The constructions"),
// in brackets of any kind or after a colon, however many arms the sentence names:
//   "more often on hydroxychloroquine than on placebo (40.1% vs. 16.8%)"
//   "X 10 mg was better than placebo (47.1% versus 35.0%); with 5 mg it was 41.8%"
//   "more frequent with 10 mg than with placebo {61/130 [46.9%] versus 31/131 [35.9%]}"
// The values belong, in order, to the arms the frame names before them in its `;`-segment: all
// of them when there are as many as values, else the two arms around the frame's comparison word.
import { distinct, type Hit } from './names.js';
import { closingBracket, isOpenBracket } from './sentences.js';
import { segmentAround, valueLists, type Claim, type SentenceView } from './view.js';

const COMPARATOR = /\b(?:than|versus|vs\.?|compared\s{1,3}(?:with|to)|relative\s{1,3}to|over|against)\b/i;
/** Between the frame's last name and an unbracketed list: "… than placebo: 46.9% vs 23.7%". */
const COLON = /^\s{0,3}(?:groups?|arms?)?\s{0,3}[:,]\s{0,3}(?:(?:respectively|rates?\s{1,3}(?:were|of))\s{0,3})?$/i;

export function comparisonFrame(s: SentenceView): Claim[] {
  const out: Claim[] = [];
  for (const values of valueLists(s)) {
    if (values.length < 2 || !isComparisonList(s, values)) continue;
    const first = s.raws[values[0]!]!;
    const last = s.raws[values[values.length - 1]!]!;
    // The list must be the whole content of a bracket, or follow the frame after a colon.
    // "(40.1% vs. 16.8%)": the list opens its bracket; "(restrictive vs. liberal; 10/112 vs. 12/112)":
    // it follows the bracket's own frame.
    let open = bracketBefore(s, first.start);
    if (open < 0) {
      const enclosing = enclosingBracket(s, first.start);
      const inner = enclosing >= 0 ? s.hits.filter((h) => h.kind === 'arm' && h.start > enclosing && h.end <= first.start) : [];
      if (inner.length >= 2 && /[;:]\s{0,3}$/.test(s.text.slice(inner[inner.length - 1]!.end, first.start))) open = enclosing;
      // "(occurring in 73.4% vs. 90.0% of patients)": a few words of the bracket before the list.
      else if (enclosing >= 0 && inner.length === 0 && /^[^\d;]{0,30}$/.test(s.text.slice(enclosing + 1, first.start))) open = enclosing;
    }
    let frameEnd: number;
    let level: number;
    if (open >= 0) {
      const close = closingBracket(s.text, open);
      if (close < last.end) continue;
      // Other words in the bracket (an effect, a p) may follow the list, not precede it.
      frameEnd = open;
      level = s.depth[open]! - 1;
    } else {
      const prev = [...s.hits].reverse().find((h) => h.end <= first.start);
      if (!prev || prev.kind !== 'arm' || !COLON.test(s.text.slice(prev.end, first.start))) {
        // "2.8 vs. 4.5%" in a sentence naming one arm: a pair for two arms that no frame names; none
        // of its values may fall back to that arm. (A list joined by "and" may be a respectively list;
        // with two arms named, each value's own clause decides.)
        if (VERSUS_JOINED(s, values) && distinct(s.hits, 'arm').length < 2 && !/\brespectively\b/i.test(s.text)) for (const mention of values) out.push({ mention, none: 'arm', via: 'comparison frame' });
        continue;
      }
      frameEnd = prev.end;
      level = s.depth[prev.start]!;
    }
    const [from] = segmentAround(s, frameEnd);
    let frame = s.hits.filter((h) => h.kind === 'arm' && h.start >= from && h.end <= frameEnd && s.depth[h.start] === level);
    // "(restrictive vs. liberal; 10/112 vs. 12/112; P = 0.65)": the frame inside the bracket, before the list.
    if (open >= 0) {
      const inner = s.hits.filter((h) => h.kind === 'arm' && h.start > open && h.end <= first.start);
      if (inner.length >= 2 && /[;:]\s{0,3}$/.test(s.text.slice(inner[inner.length - 1]!.end, first.start))) frame = inner;
    }
    // A named arm among the values makes them that arm's, not the frame's.
    if (open >= 0 && s.hits.some((h) => h.kind === 'arm' && h.start > first.start && h.end < last.end)) continue;
    const arms = framedArms(s, frame, values.length) ?? (values.length === 2 ? sides(s, from, frameEnd, level) : undefined);
    // A pair for arms the frame does not name: no value of it may fall back to the one arm named.
    if (!arms) {
      for (const mention of values) out.push({ mention, none: 'arm', via: 'comparison frame' });
      continue;
    }
    values.forEach((mention, k) => out.push(arms[k] ? { mention, armId: arms[k]!, via: 'comparison frame' } : { mention, none: 'arm', via: 'comparison frame' }));
  }
  return out;
}

const LIST_WORD = /\b(?:vs\.?|versus|and|or|compared\s{1,3}(?:with|to))\b/i;

/**
 * Values for several arms are alike ("47.1% versus 35.0%", "61/130 [46.9%] versus 31/131 [23.7%]")
 * and joined by a list word; "(19.0%, 38/200)" is one arm's share and count.
 */
function isComparisonList(s: SentenceView, values: number[]): boolean {
  const shape = (i: number): string => {
    const r = s.raws[i]!;
    return `${r.kind}:${!!r.share}:${!!r.events}:${!!r.total}`;
  };
  if (values.some((v) => shape(v) !== shape(values[0]!))) return false;
  return values.slice(1).some((v, k) => LIST_WORD.test(s.text.slice(s.raws[values[k]!]!.end, s.raws[v]!.start)));
}

const VERSUS = /\b(?:vs\.?|versus|compared\s{1,3}(?:with|to))\b/i;
const VERSUS_JOINED = (s: SentenceView, values: number[]): boolean => values.slice(1).every((v, k) => VERSUS.test(s.text.slice(s.raws[values[k]!]!.end, s.raws[v]!.start)));

/** The offset of the opening bracket that holds `at`, or -1 at the sentence's own level. */
function enclosingBracket(s: SentenceView, at: number): number {
  const level = s.depth[at]!;
  if (level === 0) return -1;
  for (let k = at - 1; k >= 0; k--) if (s.depth[k] === level && isOpenBracket(s.text[k])) return k;
  return -1;
}

/** The offset of the bracket a list starts right inside of ("(40.1% vs …", "{61/130 …"), or -1. */
function bracketBefore(s: SentenceView, start: number): number {
  let i = start - 1;
  while (i >= 0 && /\s/.test(s.text[i]!)) i--;
  return isOpenBracket(s.text[i]) ? i : -1;
}

/**
 * The two sides of a frame that names only one of its arms: "less frequent with the combined
 * regimen than in the aspirin-only group (5.0% vs 6.5%)" gives 6.5% to aspirin only, and the
 * other value to no one (it must not fall back to the only arm the sentence names).
 */
function sides(s: SentenceView, from: number, to: number, level: number): (string | undefined)[] | undefined {
  // The one comparison word at the frame's own level (not one inside an earlier bracket).
  const words: number[] = [];
  const re = new RegExp(SIDE_WORD.source, 'gi');
  const text = s.text.slice(from, to);
  for (let m = re.exec(text); m; m = re.exec(text)) if (s.depth[from + m.index] === level) words.push(from + m.index);
  if (words.length !== 1) return undefined;
  const at = words[0]!;
  const side = (a: number, b: number): string | undefined | null => {
    const ids = distinct(s.hits.filter((h) => h.kind === 'arm' && h.start >= a && h.end <= b && s.depth[h.start] === level), 'arm');
    return ids.length === 1 ? ids[0] : ids.length === 0 ? undefined : null;
  };
  const left = side(from, at);
  const right = side(at, to);
  if (left === null || right === null || (left === undefined && right === undefined) || left === right) return undefined;
  return [left, right];
}

/** The comparison words that split a frame into two sides. */
const SIDE_WORD = /\b(?:than|versus|vs\.?|compared\s{1,3}(?:with|to)|relative\s{1,3}to)\b/i;

function framedArms(s: SentenceView, frame: Hit[], count: number): string[] | undefined {
  const ids = distinct(frame, 'arm');
  if (ids.length === count) return ids;
  if (count !== 2 || ids.length < 2) return undefined;
  // The two arms around the last comparison word: "X 10 mg, unlike 5 mg, was better than placebo".
  for (let k = frame.length - 1; k > 0; k--) {
    const a = frame[k - 1]!;
    const b = frame[k]!;
    if (a.id !== b.id && COMPARATOR.test(s.text.slice(a.end, b.start))) return [a.id, b.id];
  }
  return undefined;
}
