// Reads the numeric forms of FORMAT.md ("Numbers in the body") from the plain text of a
// sentence or table cell. Every pattern is linear: no nested quantifiers, and bounded gaps,
// so no input can make a regex backtrack catastrophically (test/core/redos.test.ts).
import { decimalsOf } from './numbers.js';
import type { EffectMeasure, PValue } from './types.js';

/** A number, with `,` or a thin space as thousands separator: 3,200 · 0.05 · .001 */
const N = String.raw`(?:(?:\d{1,3}(?:[,\u2009\u202f]\d{3})+|\d+)(?:\.\d+)?|\.\d+)`;
const SN = String.raw`-?${N}`;
const INT = String.raw`(?:\d{1,3}(?:[,\u2009\u202f]\d{3})+|\d+)`;
const PCT = String.raw`\s?(?:%|per\s?cent\b)`;
/**
 * A number starts at the first digit of its run: without this, a long run of digits would be
 * re-scanned from every position (quadratic, found by recheck).
 */
const NB = String.raw`(?<![\d.,\u2009\u202f])`;
const PEOPLE = String.raw`(?:patients|participants|subjects|people|persons|individuals|residents|children|adults|women|men|infants|babies|neonates|newborns|volunteers)`;
/** What a count in `1463 deaths (14.5%)` may count. */
const COUNTED = String.raw`(?:${PEOPLE}|deaths|events|cases|responders)`;

export interface RawNumber {
  value: number;
  text: string;
  decimals: number;
  start: number;
  end: number;
}

export interface RawMention {
  kind: 'share' | 'count' | 'sample-size' | 'p' | 'interval' | 'effect';
  start: number;
  end: number;
  share?: RawNumber;
  events?: RawNumber;
  total?: RawNumber;
  p?: Omit<PValue, 'range'> & { start: number; end: number };
  interval?: { level: number; lo: RawNumber; hi: RawNumber };
  effect?: { measure: EffectMeasure; value: RawNumber; percentagePoints: boolean };
  relative?: boolean;
  role?: 'randomized' | 'analysed' | 'group' | 'trial' | 'other';
}

function num(text: string, start: number): RawNumber {
  const clean = text.replace(/[,\u2009\u202f]/g, '');
  return { value: Number(clean), text: clean, decimals: decimalsOf(clean), start, end: start + text.length };
}

/** The offset of capture group `i` within the match (via `d` indices). */
function group(m: RegExpExecArray, i: number): [string, number] | undefined {
  const t = m[i];
  const idx = m.indices?.[i];
  return t === undefined || !idx ? undefined : [t, idx[0]];
}

function numAt(m: RegExpExecArray, i: number): RawNumber | undefined {
  const g = group(m, i);
  return g ? num(g[0], g[1]) : undefined;
}

const MEASURES: [RegExp, EffectMeasure][] = [
  [/^(odds ratio|aor|or)$/i, 'odds ratio'],
  [/^(risk ratio|relative risk|rr|rate ratio|irr)$/i, 'risk ratio'],
  [/^(hazard ratio|hr|ahr)$/i, 'hazard ratio'],
  [/^(risk difference|absolute (risk )?difference|rd)$/i, 'risk difference'],
  [/^(mean difference|md)$/i, 'mean difference'],
];

function measureOf(word: string): EffectMeasure {
  for (const [re, m] of MEASURES) if (re.test(word.trim())) return m;
  return 'difference';
}

interface Pattern {
  re: RegExp;
  make(m: RegExpExecArray, text: string): RawMention | undefined;
}

const P_OPS: Record<string, PValue['op']> = { '=': '=', '<': '<', '>': '>', '≤': '≤', '≥': '≥', '<=': '≤', '>=': '≥' };

/** Patterns in priority order: a later pattern never reuses text an earlier one claimed. */
const PATTERNS: Pattern[] = [
  {
    // 95% CI 1.2–3.4 · (95% CI, 1.2 to 3.4) · 95% confidence interval [1.2, 3.4]
    re: new RegExp(String.raw`${NB}(\d{2}(?:\.\d+)?)${PCT}\s{0,3}(?:CI|CrI|confidence interval|credible interval)\b[\s,:]{0,4}(?:(?:of|was|from)\s{1,3})?[[(]?\s{0,3}(${SN})\s{0,3}(?:to|–|—|-|,|;)\s{0,3}(${SN})\s{0,3}[\])]?`, 'gid'),
    make: (m) => {
      const level = Number(m[1]);
      const lo = numAt(m, 2)!;
      const hi = numAt(m, 3)!;
      return { kind: 'interval', start: m.index, end: m.index + m[0].length, interval: { level, lo, hi } };
    },
  },
  {
    // p=0.03 · P < .001 · p-value = 0.46
    re: new RegExp(String.raw`\b[pP](?:\s?-?\s?values?)?\s{0,3}(<=|>=|≤|≥|=|<|>)\s{0,3}(${N})`, 'gd'),
    make: (m) => {
      const v = numAt(m, 2)!;
      return { kind: 'p', start: m.index, end: m.index + m[0].length, p: { op: P_OPS[m[1]!] ?? '=', value: v.value, text: v.text, decimals: v.decimals, start: v.start, end: v.end } };
    },
  },
  {
    // OR 2.1 · risk ratio 0.8 · HR, 0.69 · difference of 23.4 percentage points
    re: new RegExp(String.raw`\b(odds ratio|risk ratio|relative risk|hazard ratio|rate ratio|risk difference|absolute (?:risk )?difference|mean difference|difference)\b(?:\s{0,3}\([^()]{0,30}\))?(?:\s{1,3}(?:for|in|on|with|between)(?:\s{1,3}[A-Za-z][\w'-]{0,20}){1,8})?[\s,:=]{0,4}(?:(?:of|was|were|is)\s{1,3})?(${SN})(\s{0,3}(?:percentage[\s-]points?|pp\b|%-points|points\b|%))?`, 'gid'),
    make: (m) => effect(m),
  },
  {
    re: new RegExp(String.raw`\b(OR|RR|HR|aOR|aHR|IRR|RD|MD)\b[\s,:=]{0,4}(${SN})(\s{0,3}(?:percentage[\s-]points?|pp\b|%))?`, 'gd'),
    make: (m) => effect(m),
  },
  {
    // 60.5% (23/38) · 46.9% [61/130]
    re: new RegExp(String.raw`${NB}(${N})${PCT}\s{0,3}[([]\s{0,3}(${INT})\s{0,3}(?:/|of|out of)\s{0,3}(${INT})\s{0,3}[)\]]`, 'gid'),
    make: (m) => ({ kind: 'share', start: m.index, end: m.index + m[0].length, share: numAt(m, 1)!, events: numAt(m, 2)!, total: numAt(m, 3)! }),
  },
  {
    // 23/38 (60.5%) · 6 of 38 patients (15.8%) · 61/130 [46.9%]
    re: new RegExp(String.raw`${NB}\b(${INT})\s{0,3}(?:/|of|out of)\s{0,3}(${INT})(?:\s{1,3}${PEOPLE})?\s{0,3}[([]\s{0,3}(${N})${PCT}\s{0,3}[)\]]`, 'gid'),
    make: (m) => ({ kind: 'share', start: m.index, end: m.index + m[0].length, events: numAt(m, 1)!, total: numAt(m, 2)!, share: numAt(m, 3)! }),
  },
  {
    // 1463 deaths (14.5%)
    re: new RegExp(String.raw`${NB}\b(${INT})\s{1,3}${COUNTED}\s{0,3}[([]\s{0,3}(${N})${PCT}\s{0,3}[)\]]`, 'gid'),
    make: (m) => ({ kind: 'share', start: m.index, end: m.index + m[0].length, events: numAt(m, 1)!, share: numAt(m, 2)! }),
  },
  {
    // 23 (60.5%) · 23 [60.5%]
    re: new RegExp(String.raw`${NB}\b(${INT})\s{0,3}[([]\s{0,3}(${N})${PCT}\s{0,3}[)\]]`, 'gid'),
    make: (m) => ({ kind: 'share', start: m.index, end: m.index + m[0].length, events: numAt(m, 1)!, share: numAt(m, 2)! }),
  },
  {
    // (46.9%, 61/130) · [61/130; 46.9%]: one arm's share and count, paired inside a bracket
    re: new RegExp(String.raw`(?<=[([{]\s{0,3})(${N})${PCT}\s{0,3}[,;]\s{0,3}(${INT})\s{0,3}/\s{0,3}(${INT})(?=\s{0,3}[)\]};,])`, 'gid'),
    make: (m) => ({ kind: 'share', start: m.index, end: m.index + m[0].length, share: numAt(m, 1)!, events: numAt(m, 2)!, total: numAt(m, 3)! }),
  },
  {
    re: new RegExp(String.raw`(?<=[([{]\s{0,3})(${INT})\s{0,3}/\s{0,3}(${INT})\s{0,3}[,;]\s{1,3}(${N})${PCT}(?=\s{0,3}[)\]};,])`, 'gid'),
    make: (m) => ({ kind: 'share', start: m.index, end: m.index + m[0].length, events: numAt(m, 1)!, total: numAt(m, 2)!, share: numAt(m, 3)! }),
  },
  {
    // 31.0% of 129 patients: a share with its denominator
    re: new RegExp(String.raw`${NB}(${N})${PCT}\s{1,3}of\s{1,3}(?:(?:the|all)\s{1,3})?(${INT})\s{1,3}(?:[a-z][a-z-]{2,19}\s{1,3})?${PEOPLE}\b`, 'gid'),
    make: (m) => ({ kind: 'share', start: m.index, end: m.index + m[0].length, share: numAt(m, 1)!, total: numAt(m, 2)! }),
  },
  {
    // none of the 12 patients: a count of zero
    re: new RegExp(String.raw`\b(none)\s{1,3}of\s{1,3}(?:the\s{1,3})?(${INT})\b(?!\s{0,3}(?:%|/))`, 'gid'),
    make: (m) => {
      const total = numAt(m, 2)!;
      return { kind: 'count', start: m.index, end: m.index + m[0].length, events: { value: 0, text: '0', decimals: 0, start: m.index, end: m.index + 4 }, total };
    },
  },
  {
    // n=38 · N = 152
    re: new RegExp(String.raw`\b[nN]\s{0,3}=\s{0,3}(${INT})\b`, 'gd'),
    make: (m) => ({ kind: 'sample-size', start: m.index, end: m.index + m[0].length, total: numAt(m, 1)!, role: 'group' }),
  },
  {
    // 23/38 · 23 of 38 (not a date such as 12/05/2020)
    re: new RegExp(String.raw`${NB}\b(${INT})\s{0,3}(/|of|out of)\s{0,3}(${INT})\b(?![/.]\d)`, 'gid'),
    make: (m, text) => {
      if (m[2] === '/' && /\d\/$/.test(text.slice(Math.max(0, m.index - 3), m.index))) return undefined;
      return { kind: 'count', start: m.index, end: m.index + m[0].length, events: numAt(m, 1)!, total: numAt(m, 3)! };
    },
  },
  {
    // 60% · 60.5 % · 60 per cent (not the 95% of a CI)
    re: new RegExp(String.raw`${NB}(${N})${PCT}(?!\s{0,3}(?:CI|CrI|confidence|credible)\b)`, 'gid'),
    make: (m, text) => ({ kind: 'share', start: m.index, end: m.index + m[0].length, share: numAt(m, 1)!, relative: isRelative(text, m.index, m.index + m[0].length) }),
  },
  {
    // 152 patients, with what the number describes read from its neighbours
    re: new RegExp(String.raw`${NB}\b(${INT})\s{1,3}(?:(randomi[sz]ed|eligible|evaluable|enrolled|consecutive|treated|additional|adult)\s{1,3}|[a-z][a-z-]{2,19}\s{1,3}(?:[a-z][a-z-]{2,19}\s{1,3})?)?${PEOPLE}\b`, 'gid'),
    make: (m, text) => ({ kind: 'sample-size', start: m.index, end: m.index + m[0].length, total: numAt(m, 1)!, role: sampleRole(text, m.index, m.index + m[0].length, m[2]) ?? 'other' }),
  },
  {
    // "A total of 1210 were randomized", "389 underwent randomization": a group size with no people word
    re: new RegExp(String.raw`\ba\s{1,3}total\s{1,3}of\s{1,3}(${INT})\b(?!\s{0,3}(?:%|per\s?cent|/|\.\d))`, 'gid'),
    make: (m, text) => {
      const total = numAt(m, 1)!;
      return { kind: 'sample-size', start: total.start, end: total.end, total, role: sampleRole(text, total.start, total.end, undefined) };
    },
  },
  {
    re: new RegExp(String.raw`${NB}\b(${INT})\s{1,3}(?:(?:were|was|had\s{1,3}been)\s{1,3}(?:randomly\s{1,3})?(?:randomi[sz]ed|assigned|allocated)|underwent\s{1,3}randomi[sz]ation)\b`, 'gid'),
    make: (m, text) => {
      const total = numAt(m, 1)!;
      // "60 were assigned to each group" is a per-arm size, said once for all arms.
      const perArm = /^\s{0,3}(?:to\s{1,3})?(?:each|every|per|both)\s{1,3}(?:arm|group|treatment)/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 30));
      return { kind: 'sample-size', start: total.start, end: total.end, total, role: perArm ? 'other' : 'randomized' };
    },
  },
];

function effect(m: RegExpExecArray): RawMention {
  const unit = (m[3] ?? '').trim().toLowerCase();
  return {
    kind: 'effect',
    start: m.index,
    end: m.index + m[0].length,
    effect: { measure: measureOf(m[1]!), value: numAt(m, 2)!, percentagePoints: unit !== '' && unit !== '%' },
  };
}

const RELATIVE_BEFORE = /\b(?:(?:reduced|increased|lowered|raised|decreased|improved|rose|fell|dropped|declined|grew|changed|differed|cut|higher|lower)\s{1,3}by|increase[sd]? of|reduction of|decrease[sd]? of|change of|improvement of|rise of|fall of|drop of|decline of|reduced|increased|lowered|raised|cut)\s{0,3}(?:about|approximately|around|nearly|almost|over|up to)?\s{0,3}$/i;
const RELATIVE_AFTER = /^\s{0,3}(?:relative|lower|higher|greater|more|less|fewer|reduction|increase|decrease|change|improvement|drop|rise|fall|smaller|larger|risk reduction|relatively|faster|slower|of (?:the )?(?:dose|baseline|maximum|normal|predicted))\b/i;

/** "reduced by 30%", "a 30% lower risk": relative changes, not shares of patients. */
function isRelative(text: string, start: number, end: number): boolean {
  // "60% of patients", "23% of those on placebo": a share of a group, whatever precedes it.
  if (/^\s{0,3}of\s/i.test(text.slice(end, end + 5))) return false;
  return RELATIVE_BEFORE.test(text.slice(Math.max(0, start - 40), start)) || RELATIVE_AFTER.test(text.slice(end, end + 40));
}

const NOT_GROUP = /\b(?:excluded|withdr[ae]w\w*|discontinu\w*|treated|completed|screened|enrolled|lost|died|dropped|missed|declined|ineligible|refused|crossed over|switched|remained|received|had|experienced|reported|developed)\b/i;

/** What "N patients" is: a randomised group, the analysed set, the trial, or something else. */
function sampleRole(text: string, start: number, end: number, qualifier: string | undefined): NonNullable<RawMention['role']> {
  const before = text.slice(Math.max(0, start - 30), start);
  const after = text.slice(end, end + 50);
  const q = qualifier?.toLowerCase();
  if (q && /^randomi[sz]ed$/.test(q)) return 'randomized';
  if (q && /^(evaluable)$/.test(q)) return 'analysed';
  if (q) return 'other';
  if (/^\s{0,3}(?:per|in each|each|in every)\s{1,3}(?:arm|group)/i.test(after)) return 'other';
  // "Of the 122 babies in the control group": one group's size, named by words, not by an arm label.
  if (/^\s{0,3}(?:in|on)\s{1,3}(?:the|both)\s{1,3}[^.,;]{0,40}?\b(?:group|arm)s?\b/i.test(after)) return 'other';
  if (NOT_GROUP.test(after.slice(0, 30)) && !/^\s{0,3}(?:were|was)\s{1,3}(?:randomi|assigned|allocated)/i.test(after)) return 'other';
  if (/^\s{0,3}(?:(?:were|was|had been)\s{1,3})?(?:randomi[sz]ed|randomly assigned|assigned|allocated)/i.test(after)) return 'randomized';
  if (/^[^.;,]{0,40}?\b(?:were|was)\s{1,3}(?:randomi[sz]ed|randomly assigned|allocated)/i.test(after)) return 'randomized';
  if (/\b(?:of|among|in)\s{1,3}(?:the\s{1,3})?$/i.test(before) && /^\s{0,3}(?:randomi[sz]ed|who were randomi)/i.test(after)) return 'randomized';
  if (/^\s{0,3}(?:were|was)\s{1,3}(?:analy[sz]ed|included in the analysis)/i.test(after)) return 'analysed';
  if (/\b(?:in|of|among|including|enrolling|involving|involved|included|with)\s{1,3}(?:a total of\s{1,3}|all\s{1,3}|the\s{1,3}|only\s{1,3}|just\s{1,3})?$/i.test(before)) return 'trial';
  return 'other';
}

/** Every pattern this module builds at run time, for the ReDoS test. */
export const MENTION_PATTERNS: readonly RegExp[] = PATTERNS.map((p) => p.re);

function numbersOf(r: RawMention): { start: number; end: number }[] {
  return [r.share, r.events, r.total, r.p, r.interval?.lo, r.interval?.hi, r.effect?.value].filter((x): x is RawNumber => !!x);
}

/**
 * Every numeric mention in `text`, in order, none overlapping. `masked` spans (arm and
 * endpoint names such as "0.2 MIU" or "SRI-4") are never read as numbers.
 */
export function extractMentions(text: string, masked: [number, number][] = []): RawMention[] {
  // Same-length normalisation keeps offsets valid: the Unicode minus reads as '-'.
  const t = text.replace(/\u2212/g, '-');
  // Claimed spans, kept sorted and disjoint: a binary search answers "free?" (a linear scan made
  // one long sentence quadratic).
  const claimed: [number, number][] = [];
  const firstEndingAfter = (s: number): number => {
    let lo = 0;
    let hi = claimed.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (claimed[mid]![1] <= s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const free = (s: number, e: number): boolean => {
    const next = claimed[firstEndingAfter(s)];
    return !next || next[0] >= e;
  };
  // A name such as "0.2 MIU" or "SRI-4" may sit inside a mention's words, but none of its
  // digits may be read as one of the mention's numbers.
  const unmasked = (r: RawMention): boolean =>
    numbersOf(r).every((n) => masked.every(([a, b]) => n.end <= a || n.start >= b));
  const out: RawMention[] = [];
  for (const { re, make } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const start = m.index;
      const end = m.index + m[0].length;
      if (!free(start, end)) continue;
      const mention = make(m, t);
      if (!mention || !unmasked(mention)) continue;
      claimed.splice(firstEndingAfter(start), 0, [start, end]);
      out.push(mention);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
