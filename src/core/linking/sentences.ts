// Splitting a block of prose into sentences, and a sentence into clauses (docs/linking.md).

const ABBREVIATIONS = /\b(?:vs|e\.g|i\.e|al|approx|fig|no|cf|resp|ca|incl|min|max|sd|iqr|mg|kg|wk|mo|yr|ref|st|dr|mr|ms)$/i;

/** Sentence spans of a block: at . ! ? followed by a space and a capital, digit or bracket. */
export function sentenceSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '.' && c !== '!' && c !== '?') continue;
    const rest = text.slice(i + 1, i + 4);
    if (!/^\s+[\p{Lu}\d([“"'‘]/u.test(rest) && i + 1 < text.length) continue;
    const word = text.slice(Math.max(start, i - 8), i);
    if (c === '.' && (ABBREVIATIONS.test(word) || /(?:^|\s)\p{Lu}$/u.test(word))) continue;
    out.push([start, i + 1]);
    start = i + 1;
    while (start < text.length && /\s/.test(text[start]!)) start++;
    i = start - 1;
  }
  if (start < text.length && text.slice(start).trim()) out.push([start, text.length]);
  return out;
}

const OPEN = '([{';
const CLOSE = ')]}';

/** Bracket depth before each character of `text` (any of ( [ {). */
export function bracketDepths(text: string): number[] {
  const depth: number[] = new Array(text.length + 1).fill(0);
  let d = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (OPEN.includes(c)) d++;
    depth[i] = d;
    if (CLOSE.includes(c) && d > 0) d--;
  }
  depth[text.length] = d;
  return depth;
}

/** The offset of the bracket closing the one opened at `open`, or -1. */
export function closingBracket(text: string, open: number): number {
  let d = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (OPEN.includes(c)) d++;
    else if (CLOSE.includes(c)) {
      d--;
      if (d === 0) return i;
    }
  }
  return -1;
}

export const isOpenBracket = (c: string | undefined): boolean => !!c && OPEN.includes(c);

const CLAUSE_WORDS = /\b(?:and|or|but|whereas|while|compared with|compared to|versus|vs\.?|than|against)\b/giu;

/** Clause boundaries (offsets) in a sentence: ; , and the joining words, outside brackets. */
export function clauseBounds(text: string, depth: number[] = bracketDepths(text)): number[] {
  const bounds: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const punct = c === ';' || (c === ',' && !/\d,\d{3}/.test(text.slice(i - 1, i + 4))) || (c === ':' && /\s/.test(text[i + 1] ?? ''));
    if (punct && depth[i] === 0) bounds.push(i);
  }
  CLAUSE_WORDS.lastIndex = 0;
  for (let m = CLAUSE_WORDS.exec(text); m; m = CLAUSE_WORDS.exec(text)) if (depth[m.index] === 0) bounds.push(m.index);
  return bounds.sort((a, b) => a - b);
}

/** How many (sorted) clause bounds lie at or before `pos`: a binary search. */
export function clauseOf(bounds: number[], pos: number): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid]! <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The `;`-delimited segment holding `[from, to)`: from after the last `;` at the sentence's own
 * bracket level before `from`, to the first after `to` (a `;` inside a bracket does not end it).
 */
export function segmentOf(text: string, depth: readonly number[], from: number, to: number): [number, number] {
  let start = 0;
  for (let i = text.lastIndexOf(';', from - 1); i >= 0; i = text.lastIndexOf(';', i - 1)) {
    if (depth[i] === 0) {
      start = i + 1;
      break;
    }
  }
  let end = text.length;
  for (let i = text.indexOf(';', to); i >= 0; i = text.indexOf(';', i + 1)) {
    if (depth[i] === 0) {
      end = i;
      break;
    }
  }
  return [start, end];
}
