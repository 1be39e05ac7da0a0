// British and American spellings (docs/format.md, "Spelling", format 1.1): `randomised` is read
// wherever `randomized` is (a key, or the `design` value), and `analyzed` wherever `analysed` is.
// The front matter is normalised to one spelling before the schema and the rules see it, so no
// rule sees the difference; the source ranges of a renamed key stay those the writer typed.
import type { NodeSpan } from './frontmatter.js';
import { pointerSegment } from './frontmatter.js';

/** Variant key → the key the schema and the model use. */
const KEYS: ReadonlyMap<string, string> = new Map([
  ['randomised', 'randomized'],
  ['analyzed', 'analysed'],
]);
/** Variant `design` value → the schema's. */
const DESIGN_VALUES: ReadonlyMap<string, string> = new Map([
  ['randomised', 'randomized'],
  ['non-randomised', 'non-randomized'],
]);

/** The schema's spelling of a front-matter key ("randomised" → "randomized"). */
export function canonicalKey(key: string): string {
  return KEYS.get(key) ?? key;
}

export interface Normalised {
  data: unknown;
  spans: Map<string, NodeSpan>;
  /** A mapping that used both spellings of one key: the one written second, and the first (TR201). */
  duplicates: SpellingDuplicate[];
}

export interface SpellingDuplicate {
  key: string;
  other: string;
  /** Where the duplicate (written second) and the other spelling are, in the source. */
  at?: NodeSpan;
  otherAt?: NodeSpan;
}

type Obj = Record<string, unknown>;
/**
 * The deepest the format puts a spelled key is /flow/arms/i/analysed (four levels); front matter
 * nested far deeper is not a trial's, and walking it all would overflow the stack.
 */
const MAX_DEPTH = 16;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The front matter with every variant spelling replaced by the schema's, and its source spans
 * re-keyed to match. Returns the inputs themselves when nothing needs renaming (the common case).
 */
export function normaliseSpelling(data: unknown, spans: Map<string, NodeSpan>): Normalised {
  const duplicates: Normalised['duplicates'] = [];
  const renamed: [string, string][] = [];
  const walk = (v: unknown, pointer: string, depth = 0): unknown => {
    if (depth > MAX_DEPTH) return v;
    if (Array.isArray(v)) {
      let changed = false;
      const out = v.map((x, i) => {
        const y = walk(x, `${pointer}/${i}`, depth + 1);
        if (y !== x) changed = true;
        return y;
      });
      return changed ? out : v;
    }
    if (!isObj(v)) return v;
    let out: Obj | undefined;
    for (const [k, x] of Object.entries(v)) {
      const canonical = KEYS.get(k);
      const child = walk(x, `${pointer}/${pointerSegment(k)}`, depth + 1);
      if (canonical) {
        out ??= { ...v };
        delete out[k];
        const variantPointer = `${pointer}/${pointerSegment(k)}`;
        const canonicalPointer = `${pointer}/${pointerSegment(canonical)}`;
        if (canonical in v) {
          // Both spellings in one mapping: the one written second is the duplicate; the first stays.
          const c = spans.get(canonicalPointer);
          const va = spans.get(variantPointer);
          if (writtenFirst(spans, canonicalPointer, variantPointer)) {
            duplicates.push({ key: k, other: canonical, ...(va ? { at: va } : {}), ...(c ? { otherAt: c } : {}) });
            continue;
          }
          duplicates.push({ key: canonical, other: k, ...(c ? { at: c } : {}), ...(va ? { otherAt: va } : {}) });
        }
        out[canonical] = child;
        renamed.push([variantPointer, canonicalPointer]);
      } else if (child !== x) {
        out ??= { ...v };
        out[k] = child;
      }
    }
    if (pointer === '/trial' && Array.isArray((out ?? v)['design'])) {
      const design = (out ?? v)['design'] as unknown[];
      if (design.some((d) => typeof d === 'string' && DESIGN_VALUES.has(d))) {
        out ??= { ...v };
        out['design'] = design.map((d) => (typeof d === 'string' ? (DESIGN_VALUES.get(d) ?? d) : d));
      }
    }
    return out ?? v;
  };
  const normalised = walk(data, '');
  if (normalised === data && duplicates.length === 0) return { data, spans, duplicates };
  const out = new Map(spans);
  for (const [from, to] of renamed) {
    // The key and everything below it, under the schema's name.
    for (const [p, s] of spans) {
      if (p === from || p.startsWith(`${from}/`)) out.set(to + p.slice(from.length), s);
    }
  }
  return { data: normalised, spans: out, duplicates };
}

/** Whether the key at `a` comes before the key at `b` in the source. */
function writtenFirst(spans: Map<string, NodeSpan>, a: string, b: string): boolean {
  const at = (s: NodeSpan | undefined): number => s?.keyStart ?? s?.start ?? Number.MAX_SAFE_INTEGER;
  return at(spans.get(a)) <= at(spans.get(b));
}
