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
    for (const t of new Set(texts.map((x) => x.trim().toLowerCase()).filter((x) => x.length >= 2))) out.push({ kind, id, text: t });
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
  const lower = text.toLowerCase();
  const hits: Hit[] = [];
  for (const n of names) {
    for (let i = lower.indexOf(n.text); i >= 0; i = lower.indexOf(n.text, i + 1)) {
      let end = i + n.text.length;
      const before = lower[i - 1] ?? ' ';
      if (/\p{L}/u.test(n.text[n.text.length - 1] ?? '') && lower[end] === 's' && !WORD.test(lower[end + 1] ?? ' ')) end++;
      const after = lower[end] ?? ' ';
      if (WORD.test(before) || WORD.test(after)) continue;
      // "dose-response" does not name the endpoint "Response": a hyphen joins words.
      if ((before === '-' && WORD.test(lower[i - 2] ?? '')) || (after === '-' && WORD.test(lower[end + 1] ?? ''))) continue;
      // "1.0 MIU" inside "11.0 MIU" or "0.2" after a decimal point is not the name.
      if (/\d/.test(n.text[0] ?? '') && /[.,]/.test(before) && /\d/.test(lower[i - 2] ?? '')) continue;
      if (after === '.' && /\d/.test(lower[end + 1] ?? '')) continue;
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
