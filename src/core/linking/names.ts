// The names linking looks for in the body: every arm's label and aliases, every endpoint's label
// and aliases, every adverse event's term; and where they occur in a text.
import type { TrialModel } from '../types.js';

export interface Name {
  kind: 'arm' | 'endpoint' | 'ae';
  id: string;
  /** Lower-cased. */
  text: string;
}

/** One occurrence of a name, at offsets of the text searched. */
export interface Hit {
  kind: Name['kind'];
  id: string;
  start: number;
  end: number;
}

export function namesOf(model: TrialModel): Name[] {
  const out: Name[] = [];
  const add = (kind: Name['kind'], id: string, texts: string[]): void => {
    const norm = (x: string): string => x.trim().toLowerCase().replace(/[-\u2010\u2011\u2013]/g, ' ');
    for (const t of new Set(texts.map(norm).filter((x) => x.length >= 2))) out.push({ kind, id, text: t });
  };
  for (const a of model.arms) add('arm', a.id, [a.label, ...a.aliases]);
  for (const e of model.endpoints) add('endpoint', e.id, [e.label, ...e.aliases]);
  model.adverseEvents.forEach((ae, i) => add('ae', String(i), [ae.term]));
  // Longest first, so "IL-2 1.0 MIU" wins over "1.0 MIU" and "SRI-4 response" over "SRI-4".
  return out.sort((a, b) => b.text.length - a.text.length);
}

const WORD = /[\p{L}\p{N}]/u;

/**
 * Non-overlapping occurrences of the names in `text`, at word boundaries, sorted. A plural
 * ("serious adverse events" for the term "Serious adverse event") names the same thing.
 */
export function findNames(text: string, names: Name[]): Hit[] {
  const original = text.toLowerCase();
  // "albumin-bolus group" names the arm "albumin bolus": a hyphen and a space are the same
  // joint inside a name (the boundary checks below still read the original text).
  // A line break inside a name (a soft wrap) is a space too.
  const lower = original.replace(/[-\u2010\u2011\u2013\s]/g, ' ');
  const hits: Hit[] = [];
  for (const n of names) {
    for (let i = lower.indexOf(n.text); i >= 0; i = lower.indexOf(n.text, i + 1)) {
      let end = i + n.text.length;
      const before = original[i - 1] ?? ' ';
      if (/\p{L}/u.test(n.text[n.text.length - 1] ?? '') && lower[end] === 's' && !WORD.test(lower[end + 1] ?? ' ')) end++;
      const after = original[end] ?? ' ';
      if (WORD.test(before) || WORD.test(after)) continue;
      // "dose-response" does not name the endpoint "Response": a hyphen joins words.
      if ((before === '-' && WORD.test(original[i - 2] ?? '')) || (after === '-' && WORD.test(original[end + 1] ?? ''))) continue;
      // "1.0 MIU" inside "11.0 MIU" or "0.2" after a decimal point is not the name.
      if (/\d/.test(n.text[0] ?? '') && /[.,]/.test(before) && /\d/.test(original[i - 2] ?? '')) continue;
      if (after === '.' && /\d/.test(original[end + 1] ?? '')) continue;
      if (hits.some((h) => i < h.end && end > h.start)) continue;
      hits.push({ kind: n.kind, id: n.id, start: i, end });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** The distinct ids of one kind among `hits`, in order of first occurrence. */
export function distinct(hits: readonly Hit[], kind: Hit['kind']): string[] {
  return [...new Set(hits.filter((h) => h.kind === kind).map((h) => h.id))];
}

/** "at the PFS analysis": an outcome named as a point in time, not as what a number measures. */
const TIME_BEFORE = /\b(?:at|by|until|before|after)\s{1,3}(?:the\s{1,3})?(?:time\s{1,3}of\s{1,3}(?:the\s{1,3})?)?(?:final\s{1,3}|primary\s{1,3}|interim\s{1,3})?$/i;
const TIME_AFTER = /^\s{1,3}(?:(?:final|primary|interim)\s{1,3})?(?:analysis|data\s{1,3}cut-?off|cut-?off|readout)\b/i;
const COMPLEMENT = /^\s{1,3}(?:in|of)\s{1,3}(?:the\s{1,3})?$/i;
const CONDITION_BEFORE = /\b(?:after|following|since|history\s{1,3}of|prior|previous|recent)\s{1,3}(?:(?:a|an|their|the)\s{1,3})?(?:(?:recent|prior|previous|acute|first)\s{1,3})?$/i;
const COMPOSITE_BEFORE = /[a-z]\s{1,3}or\s{1,3}$/i;
const COMPOSITE_AFTER = /^\s{1,3}or\s{1,3}[a-z]/i;
/** "serious adverse events", "grade 3/4 neutropenia": a qualified outcome is another outcome. */
const QUALIFIER_BEFORE = /\b(?:serious|severe|grade\s{0,2}(?:[≥>]=?\s{0,2})?[1-5](?:\s{0,2}(?:\/|or|to|-|–|and)\s{0,2}[1-5])?(?:\s{0,2}or\s{1,3}(?:higher|above|worse))?|treatment-related|drug-related|fatal|life-threatening)\s{1,3}$/i;

/**
 * The name hits that say what a number measures: without outcomes named as a point in time,
 * and without outcomes whose name a qualifier narrows to another outcome (unless the qualifier
 * is part of the name found).
 */
export function meaningfulHits(text: string, hits: Hit[]): Hit[] {
  return hits.filter((h, i) => {
    if (h.kind === 'arm') return true;
    // "a 50% or greater reduction in the mean number of migraine days": the second outcome's name
    // is the first one's complement, not an outcome of its own.
    const prev = hits[i - 1];
    if (prev && prev.kind !== 'arm' && COMPLEMENT.test(text.slice(prev.end, h.start))) return false;
    const before = text.slice(Math.max(0, h.start - 40), h.start);
    const after = text.slice(h.end, h.end + 40);
    if (TIME_BEFORE.test(before) && TIME_AFTER.test(after)) return false;
    // "After a recent myocardial infarction, …": the population's condition, not an outcome.
    if (CONDITION_BEFORE.test(before)) return false;
    // "hospitalization for any cause or death through day 29": one part of a composite outcome
    // whose other part the front matter does not name.
    const next = hits[i + 1];
    const prevHit = hits[i - 1];
    if ((COMPOSITE_BEFORE.test(before) && !(prevHit && prevHit.kind !== 'arm' && /^\s{1,3}or\s{1,3}$/i.test(text.slice(prevHit.end, h.start)))) || (COMPOSITE_AFTER.test(after) && !(next && next.kind !== 'arm' && /^\s{1,3}or\s{1,3}$/i.test(text.slice(h.end, next.start))))) return false;
    return !QUALIFIER_BEFORE.test(before);
  });
}

/** "grade 3/4", "grade ≥3": a severity qualifier anywhere outside the names. */
export const GRADE_QUALIFIER = /\bgrades?\s{0,2}(?:[≥>]=?\s{0,2})?[1-5]\b/i;
