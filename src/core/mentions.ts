// Reads the numeric forms of docs/format.md ("Numbers in the body") from the plain text of a
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
const NB = String.raw`(?<![\d.,\u2009\u202f])(?<![A-Za-z]-)`;
const PEOPLE = String.raw`(?:patients|participants|subjects|people|persons|individuals|residents|children|adults|women|men|infants|babies|neonates|newborns|volunteers|couples|mothers|pregnancies)`;
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
  /** A percentage that is not a share of patients: a rate, a concentration, a margin. */
  nonShare?: boolean;
  /** A p value of a non-inferiority or equivalence test ("P<0.001 for noninferiority"). */
  marginTest?: boolean;
  /** A bare number read as a count only because an arm's name follows: kept only if a construction links it. */
  bare?: boolean;
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
  [/^(risk difference|absolute (risk )?(difference|reduction|increase)|rd)$/i, 'risk difference'],
  [/^(mean difference|md)$/i, 'mean difference'],
];

function measureOf(word: string): EffectMeasure {
  const w = word.trim().replace(/\s+/g, ' ').replace(/(?<=[a-z]{3})s$/, '');
  for (const [re, m] of MEASURES) if (re.test(w)) return m;
  return 'difference';
}

interface Pattern {
  re: RegExp;
  /** A cheap test a text must pass before `re` is run on it (most sentences fail most patterns). */
  needs?: RegExp;
  /** One mention, or two for "2.8 vs. 4.5%"; `masked` are the spans of arm and outcome names. */
  make(m: RegExpExecArray, text: string, masked: readonly [number, number][]): RawMention | RawMention[] | undefined;
}

const NONINFERIORITY = /^\s{0,3}(?:,\s{0,3})?(?:for|of|in)\s{1,3}(?:the\s{1,3})?(?:non-?inferiority|noninferiority|equivalence)\b/i;

const P_OPS: Record<string, PValue['op']> = { '=': '=', '<': '<', '>': '>', '≤': '≤', '≥': '≥', '<=': '≤', '>=': '≥' };

/** Patterns in priority order: a later pattern never reuses text an earlier one claimed. */
const PATTERNS: Pattern[] = [
  {
    // 95% CI 1.2–3.4 · (95% CI, 1.2 to 3.4) · 95% confidence interval [1.2, 3.4]
    needs: /CI|CrI|interval/i,
    re: new RegExp(String.raw`${NB}(\d{2}(?:\.\d+)?)${PCT}\s{0,3}(?:CI|CrI|confidence\s{1,3}interval|credible\s{1,3}interval)\b(?:\s{0,3}[([][^()[\]]{1,12}[)\]])?[\s,:]{0,4}(?:(?:of|was|from)\s{1,3})?[[(]?\s{0,3}(${SN})%?\s{0,3}(?:to|–|—|-|,|;)\s{0,3}(${SN})%?\s{0,3}[\])]?`, 'gid'),
    make: (m) => {
      const level = Number(m[1]);
      const lo = numAt(m, 2)!;
      const hi = numAt(m, 3)!;
      return { kind: 'interval', start: m.index, end: m.index + m[0].length, interval: { level, lo, hi } };
    },
  },
  {
    // "HR: 0.61 (0.47–0.79)": an interval with no level, right after its effect (95% assumed)
    needs: /OR|RR|HR|RD|MD|ratio|risk|difference/i,
    re: new RegExp(String.raw`(?<=\b(?:OR|RR|HR|aOR|aHR|IRR|RD|MD|ratio|risk|difference)[\s,:=]{0,4}-?[\d.]{1,8}\s{0,3})(?:[([]\s{0,3}(${SN})(?:\s{0,3}(?:to|–|—|-)|,(?=\s))\s{0,3}(${SN})\s{0,3}[)\]]|,\s{1,3}(${SN})\s{0,3}(?:to|–|—)\s{0,3}(${SN})(?=\s{0,3}[;,)\]]))`, 'gid'),
    make: (m) => ({ kind: 'interval', start: m.index, end: m.index + m[0].length, interval: { level: 95, lo: (numAt(m, 1) ?? numAt(m, 3))!, hi: (numAt(m, 2) ?? numAt(m, 4))! } }),
  },
  {
    // p=0.03 · P < .001 · p-value = 0.46
    re: new RegExp(String.raw`\b[pP](?:\s?-?\s?values?)?\s{0,3}(<=|>=|≤|≥|=|<|>)\s{0,3}(${N})`, 'gd'),
    make: (m, text) => {
      const v = numAt(m, 2)!;
      const end = m.index + m[0].length;
      // "P<0.001 for noninferiority" tests a margin, not the null: no CI or front-matter p is its match.
      const margin = NONINFERIORITY.test(text.slice(end, end + 40));
      return { kind: 'p', start: m.index, end, p: { op: P_OPS[m[1]!] ?? '=', value: v.value, text: v.text, decimals: v.decimals, start: v.start, end: v.end }, ...(margin ? { marginTest: true } : {}) };
    },
  },
  {
    // OR 2.1 · risk ratio 0.8 · HR, 0.69 · difference of 23.4 percentage points
    needs: /ratio|risk|difference|effect|reduction|increase/i,
    re: new RegExp(String.raw`\b(odds\s{1,3}ratios?|risk\s{1,3}ratios?|relative\s{1,3}risks?|hazard\s{1,3}ratios?|rate\s{1,3}ratios?|risk\s{1,3}differences?|absolute\s{1,3}(?:risk\s{1,3})?(?:difference|reduction|increase)|mean\s{1,3}differences?|effect\s{1,3}sizes?|differences?)\b(?:\s{0,3}[([][^()[\]]{0,30}[)\]])?(?:\s{1,3}(?:for|in|on|with|of|between|against|versus|vs\.?|compared\s{1,3}with|stratified\s{1,3}for|adjusted\s{1,3}for)(?:\s{1,3}(?:[A-Za-z][\w'.°-]{0,20}|\d{1,4}(?:\.\d{1,3})?[\s-]?(?:mg|g|mcg|µg|ml|mg\/kg|iu|miu|units?)\b)){1,8})?[\s,:=]{0,4}(?:(?:of|was|were|is)\s{1,3})?(${SN})(\s{0,3}(?:percentage[\s-]points?|pp\b|%-points|points\b|%))?`, 'gid'),
    make: (m) => effect(m),
  },
  {
    needs: /\b(?:OR|RR|HR|aOR|aHR|IRR|RD|MD)\b/,
    re: new RegExp(String.raw`\b(OR|RR|HR|aOR|aHR|IRR|RD|MD)\b[\s,:=]{0,4}(${SN})(\s{0,3}(?:percentage[\s-]points?|pp\b|%))?`, 'gd'),
    make: (m) => effect(m),
  },
  {
    // "(absolute difference for 50 mg vs placebo, 7.5%; …; 25 mg vs placebo, 6.4%; …)": a value
    // labelled by two names joined by "vs" is their difference, not a share of either (a
    // difference is small: its number has no thousands separator, which keeps the pattern linear)
    needs: /\b(?:vs|versus)\b/i,
    re: /\b(?:vs\.?|versus) ([^,;()\d]{1,40}), ?(-?\d{1,4}(?:\.\d{1,3})?)(%| percentage[ -]points?)?(?=[;,)\]])/dgi,
    make: (m, text, masked) => {
      const name = m.indices![1]!;
      const before = text.slice(0, m.index).trimEnd();
      if (!masked.some(([a, b]) => a === name[0] && b === name[1]) || !masked.some(([, b]) => b === before.length)) return undefined;
      const value = numAt(m, 2)!;
      return { kind: 'effect', start: value.start, end: m.index + m[0].length, effect: { measure: 'difference', value, percentagePoints: /point/i.test(m[3] ?? '') } };
    },
  },
  {
    // "Hazard ratios … were 0.59 (95% CI …), 0.82 (0.58–1.17, p=0.27) …": an estimate and its interval,
    // the measure named earlier in the sentence. "(1.93, 0.97 to 3.86)" inside a bracket too.
    needs: /ratio|risk|\b(?:OR|RR|HR|IRR)\b/i,
    re: new RegExp(String.raw`${NB}(${SN})\s{0,3}(?:[([]|(?<=[([;]\s{0,3}-?[\d.]{1,8}\s{0,3}),)\s{0,3}(${SN})\s{0,3}(?:–|—|-|to)\s{0,3}(${SN})(?=\s{0,3}[,;)\]])`, 'gid'),
    make: (m, text) => {
      const measure = lastMeasure(text.slice(0, m.index));
      if (!measure) return undefined;
      const value = numAt(m, 1)!;
      const lo = numAt(m, 2)!;
      const hi = numAt(m, 3)!;
      if (lo.value > hi.value) return undefined;
      return [
        { kind: 'effect', start: value.start, end: value.end, effect: { measure, value, percentagePoints: false } },
        { kind: 'interval', start: lo.start, end: m.index + m[0].length, interval: { level: 95, lo, hi } },
      ];
    },
  },
  {
    // 60.5% (23/38) · 46.9% [61/130] · 10.6% (111 of 1050 children)
    needs: /%|per\s?cent/i,
    re: new RegExp(String.raw`${NB}(${N})${PCT}\s{0,3}[([]\s{0,3}(${INT})\s{0,3}(?:/|of|out of)\s{0,3}(${INT})(?:\s{1,3}${PEOPLE})?\s{0,3}[)\]]`, 'gid'),
    make: (m) => ({ kind: 'share', start: m.index, end: m.index + m[0].length, share: numAt(m, 1)!, events: numAt(m, 2)!, total: numAt(m, 3)! }),
  },
  {
    // 23/38 (60.5%) · 6 of 38 patients (15.8%) · 61/130 [46.9%]
    needs: /%|per\s?cent/i,
    re: new RegExp(String.raw`${NB}\b(${INT})\s{0,3}(?:/|(?:of|out of)(?:\s{1,3}the)?)\s{0,3}(${INT})(?:\s{1,3}${PEOPLE})?\s{0,3}[([]\s{0,3}(${N})${PCT}\s{0,3}[)\]]`, 'gid'),
    make: (m) => ({ kind: 'share', start: m.index, end: m.index + m[0].length, events: numAt(m, 1)!, total: numAt(m, 2)!, share: numAt(m, 3)! }),
  },
  {
    // 59 (54%) of 110 people: a count, its share, then its denominator
    needs: /%|per\s?cent/i,
    re: new RegExp(String.raw`${NB}\b(${INT})\s{0,3}[([]\s{0,3}(${N})${PCT}\s{0,3}[)\]]\s{1,3}(?:of|out\s{1,3}of)\s{1,3}(?:the\s{1,3})?(${INT})\b(?!\s{0,3}(?:%|per\s?cent))`, 'gid'),
    make: (m) => ({ kind: 'share', start: m.index, end: m.index + m[0].length, events: numAt(m, 1)!, share: numAt(m, 2)!, total: numAt(m, 3)! }),
  },
  {
    // 1463 deaths (14.5%)
    needs: /%|per\s?cent/i,
    re: new RegExp(String.raw`${NB}\b(${INT})\s{1,3}${COUNTED}\s{0,3}[([]\s{0,3}(${N})${PCT}\s{0,3}[)\]]`, 'gid'),
    make: (m) => ({ kind: 'share', start: m.index, end: m.index + m[0].length, events: numAt(m, 1)!, share: numAt(m, 2)! }),
  },
  {
    // 23 (60.5%) · 23 [60.5%]
    needs: /%|per\s?cent/i,
    re: new RegExp(String.raw`${NB}\b(${INT})\s{0,3}[([]\s{0,3}(${N})${PCT}\s{0,3}[)\]]`, 'gid'),
    make: (m) => ({ kind: 'share', start: m.index, end: m.index + m[0].length, events: numAt(m, 1)!, share: numAt(m, 2)! }),
  },
  {
    // (46.9%, 61/130) · [61/130; 46.9%]: one arm's share and count, paired inside a bracket
    needs: /%|per\s?cent/i,
    re: new RegExp(String.raw`(?<=[([{]\s{0,3})(${N})${PCT}\s{0,3}[,;]\s{0,3}(${INT})\s{0,3}/\s{0,3}(${INT})(?=\s{0,3}[)\]};,])`, 'gid'),
    make: (m) => ({ kind: 'share', start: m.index, end: m.index + m[0].length, share: numAt(m, 1)!, events: numAt(m, 2)!, total: numAt(m, 3)! }),
  },
  {
    needs: /%|per\s?cent/i,
    re: new RegExp(String.raw`(?<=[([{]\s{0,3})(${INT})\s{0,3}/\s{0,3}(${INT})\s{0,3}[,;]\s{1,3}(${N})${PCT}(?=\s{0,3}[)\]};,])`, 'gid'),
    make: (m) => ({ kind: 'share', start: m.index, end: m.index + m[0].length, events: numAt(m, 1)!, total: numAt(m, 2)!, share: numAt(m, 3)! }),
  },
  {
    // 31.0% of 129 patients: a share with its denominator
    needs: /%|per\s?cent/i,
    re: new RegExp(String.raw`${NB}(${N})${PCT}\s{1,3}of\s{1,3}(?:(?:the|all)\s{1,3})?(${INT})\s{1,3}(?:[a-z][a-z-]{2,19}\s{1,3})?${PEOPLE}\b`, 'gid'),
    make: (m) => ({ kind: 'share', start: m.index, end: m.index + m[0].length, share: numAt(m, 1)!, total: numAt(m, 2)! }),
  },
  {
    // none of the 12 patients: a count of zero
    needs: /\bnone\b/i,
    re: new RegExp(String.raw`\b(none)\s{1,3}of\s{1,3}(?:the\s{1,3})?(${INT})\b(?!\s{0,3}(?:%|/))`, 'gid'),
    make: (m) => {
      const total = numAt(m, 2)!;
      return { kind: 'count', start: m.index, end: m.index + m[0].length, events: { value: 0, text: '0', decimals: 0, start: m.index, end: m.index + 4 }, total };
    },
  },
  {
    // n=38 · N = 152
    needs: /=/,
    re: new RegExp(String.raw`\b[nN]\s{0,3}=\s{0,3}(${INT})\b(?!\s{0,3}\/)`, 'gd'),
    make: (m) => ({ kind: 'sample-size', start: m.index, end: m.index + m[0].length, total: numAt(m, 1)!, role: 'group' }),
  },
  {
    // 23/38 · 23 of 38 (not a date such as 12/05/2020)
    re: new RegExp(String.raw`${NB}\b(${INT})\s{0,3}(/|(?:of|out of)(?:\s{1,3}the)?)\s{0,3}(${INT})\b(?![/.]\d)`, 'gid'),
    make: (m, text) => {
      if (m[2] === '/' && /\d\/$/.test(text.slice(Math.max(0, m.index - 3), m.index))) return undefined;
      // "grade 3/4", "stage 2/3", "phase 2/3": a range of grades, not a count.
      if (m[2] === '/' && /\b(?:grades?|stages?|phases?|class(?:es)?|types?|levels?|NYHA|GOLD|ECOG|CTCAE)\s{1,3}$/i.test(text.slice(Math.max(0, m.index - 12), m.index))) return undefined;
      return { kind: 'count', start: m.index, end: m.index + m[0].length, events: numAt(m, 1)!, total: numAt(m, 3)! };
    },
  },
  {
    // 2.8 vs. 4.5% · 12 and 15 per cent: two shares, the sign written once
    needs: /%|per\s?cent/i,
    re: new RegExp(String.raw`${NB}(${N})\s{1,3}(?:vs\.?|versus|and|or)\s{1,3}(${N})${PCT}(?!\s{0,3}(?:CI|CrI|confidence|credible)\b)`, 'gid'),
    make: (m, text, masked) => {
      const a = numAt(m, 1)!;
      const b = numAt(m, 2)!;
      const end = m.index + m[0].length;
      return [
        { kind: 'share', start: a.start, end: a.end, share: a, ...shareKind(text, a.start, end, masked) },
        { kind: 'share', start: b.start, end, share: b, ...shareKind(text, b.start, end, masked) },
      ];
    },
  },
  {
    // 60% · 60.5 % · 60 per cent (not the 95% of a CI)
    needs: /%|per\s?cent/i,
    re: new RegExp(String.raw`${NB}(${N})${PCT}(?!\s{0,3}(?:CI|CrI|confidence|credible)\b)`, 'gid'),
    make: (m, text, masked) => ({ kind: 'share', start: m.index, end: m.index + m[0].length, share: numAt(m, 1)!, ...shareKind(text, m.index, m.index + m[0].length, masked) }),
  },
  {
    // 152 patients, with what the number describes read from its neighbours
    re: new RegExp(String.raw`${NB}\b(${INT})\s{1,3}(?:(randomi[sz]ed|eligible|evaluable|enrolled|consecutive|treated|additional|adult)\s{1,3}|[a-z][a-z-]{2,19}\s{1,3}(?:[a-z][a-z-]{2,19}\s{1,3})?)?${PEOPLE}\b`, 'gid'),
    make: (m, text) => ({ kind: 'sample-size', start: m.index, end: m.index + m[0].length, total: numAt(m, 1)!, role: sampleRole(text, m.index, m.index + m[0].length, m[2]) ?? 'other' }),
  },
  {
    // "randomly assigned to levetiracetam (145 patients), fosphenytoin (118) or valproate (121)": an
    // arm's size in a bracket right after its name, in a sentence that randomises
    needs: /randomi[sz]|randomly|assigned|allocated/i,
    re: new RegExp(String.raw`(?<=[([]\s{0,2})(${INT})(?=\s{0,2}[)\]])`, 'gd'),
    make: (m, text, masked) => {
      const open = text.lastIndexOf('(', m.index) >= text.lastIndexOf('[', m.index) ? text.lastIndexOf('(', m.index) : text.lastIndexOf('[', m.index);
      const before = text.slice(0, open).trimEnd();
      if (!masked.some(([, b]) => b === before.length) || !/\b(?:randomi[sz]|randomly|assigned|allocated)/i.test(text)) return undefined;
      const total = numAt(m, 1)!;
      return { kind: 'sample-size', start: total.start, end: total.end, total, role: 'group' };
    },
  },
  {
    // "489 with tranexamic acid", "17 in the TDF group", "92 deaths in the EGDT group": a bare count
    // right before an arm's name. Kept only when a construction links it (linking drops it otherwise).
    needs: /\b(?:in|with|on|among|receiving)\s/i,
    re: new RegExp(String.raw`${NB}(?<!\b(?:weeks?|months?|days?|years?|visits?|cycles?|doses?|grades?|stages?|phases?|aged?|versions?|at|day|level|class|type|score|of|than)\s{1,3})\b(${INT})(?:\s{1,3}(?:deaths?|events?|cases?|infections?|episodes?|patients|participants|infants|children))?(?=\s{1,3}(?:occurred\s{1,3})?(?:in|with|on|among|receiving)\s{1,3}(?:the\s{1,3})?\S)`, 'gid'),
    make: (m, text, masked) => {
      const at = m.index + m[0].length + (/^\s{1,3}(?:occurred\s{1,3})?(?:in|with|on|among|receiving)\s{1,3}(?:the\s{1,3})?/i.exec(text.slice(m.index + m[0].length))?.[0].length ?? 0);
      if (!masked.some(([a]) => a === at)) return undefined;
      const events = numAt(m, 1)!;
      return { kind: 'count', start: m.index, end: m.index + m[0].length, events, bare: true };
    },
  },
  {
    // "264 and 270, respectively, had …": bare counts of a respectively list
    needs: /respectively/i,
    re: new RegExp(String.raw`${NB}\b(${INT})\s{1,3}and\s{1,3}(${INT}),?\s{1,3}(?=respectively\b)`, 'gid'),
    make: (m) => {
      const a = numAt(m, 1)!;
      const b = numAt(m, 2)!;
      return [
        { kind: 'count', start: a.start, end: a.end, events: a, bare: true },
        { kind: 'count', start: b.start, end: b.end, events: b, bare: true },
      ];
    },
  },
  {
    // "A total of 1210 were randomized", "389 underwent randomization": a group size with no people word
    needs: /total/i,
    re: new RegExp(String.raw`\ba\s{1,3}total\s{1,3}of\s{1,3}(${INT})\b(?!\s{0,3}(?:%|per\s?cent|/|\.\d))`, 'gid'),
    make: (m, text) => {
      const total = numAt(m, 1)!;
      return { kind: 'sample-size', start: total.start, end: total.end, total, role: sampleRole(text, total.start, total.end, undefined) };
    },
  },
  {
    // "… 155 were allocated to X and 158 to Y": the second group of an elliptical list
    needs: /assigned|allocated|randomi[sz]ed/i,
    re: new RegExp(String.raw`(?<=(?:,|;|\band)\s{1,3})(${INT})\s{1,3}(?:(?:were|was)\s{1,3})?(?:(?:randomly\s{1,3})?(?:assigned|allocated|randomi[sz]ed)\s{1,3})?(?:concurrently\s{1,3})?to\s`, 'gid'),
    make: (m, text, masked) => {
      if (!/\b(?:assigned|allocated|randomi[sz]ed|randomly)\b/i.test(text.slice(0, m.index))) return undefined;
      // "… and 158 to firm mattresses": only when an arm's name follows ("36 to 54" is a range).
      const at = m.index + m[0].length + (/^(?:the\s{1,3})?/i.exec(text.slice(m.index + m[0].length))?.[0].length ?? 0);
      if (!masked.some(([a]) => a === at)) return undefined;
      const total = numAt(m, 1)!;
      return { kind: 'sample-size', start: total.start, end: total.end, total, role: 'randomized' };
    },
  },
  {
    needs: /randomi[sz]|assigned|allocated/i,
    re: new RegExp(String.raw`${NB}\b(${INT})\s{1,3}(?:(?:were|was|had\s{1,3}been)\s{1,3}(?:randomly\s{1,3})?(?:randomi[sz]ed|assigned|allocated)|randomly\s{1,3}(?:assigned|allocated)|underwent\s{1,3}randomi[sz]ation)\b`, 'gid'),
    make: (m, text) => {
      const total = numAt(m, 1)!;
      // "60 were assigned to each group" is a per-arm size, said once for all arms.
      const perArm = /^\s{0,3}(?:to\s{1,3})?(?:each|every|per|both)\s{1,3}(?:arm|group|treatment)/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 30));
      return { kind: 'sample-size', start: total.start, end: total.end, total, role: perArm ? 'other' : 'randomized' };
    },
  },
];

/** Long names in any case; abbreviations only in capitals ("or" is a word). */
const MEASURE_WORD = /\b((?:[Oo]dds|[Rr]isk|[Hh]azard|[Rr]ate)\s{1,3}[Rr]atios?|[Rr]elative\s{1,3}[Rr]isks?|ODDS\s{1,3}RATIOS?|HAZARD\s{1,3}RATIOS?|OR|RR|HR|aOR|aHR|IRR)\b/g;

/** The ratio measure named last in `before`, if any ("Hazard ratios … were"). */
function lastMeasure(before: string): EffectMeasure | undefined {
  let last: string | undefined;
  MEASURE_WORD.lastIndex = 0;
  for (let m = MEASURE_WORD.exec(before); m; m = MEASURE_WORD.exec(before)) last = m[1];
  return last ? measureOf(last) : undefined;
}

function effect(m: RegExpExecArray): RawMention {
  const unit = (m[3] ?? '').trim().toLowerCase();
  return {
    kind: 'effect',
    start: m.index,
    end: m.index + m[0].length,
    effect: { measure: measureOf(m[1]!), value: numAt(m, 2)!, percentagePoints: unit !== '' && unit !== '%' },
  };
}

const RELATIVE_BEFORE = /\b(?:relative\s{1,3}(?:risk\s{1,3})?(?:reduction|increase|difference|change)s?(?:\s{1,3}(?:in|of)\s{1,3}[a-z-]{1,20}(?:\s{1,3}[a-z-]{1,20})?)?(?:\s{1,3}(?:of|was|were|by))?|(?:vaccine\s{1,3})?(?:efficacy|effectiveness|protection)(?:\s{1,3}(?:of|was|were|is|against\s{1,3}[a-z-]{1,20}))?\s{0,3}[,:=]?|(?:overall\s{1,3})?risk\s{1,3}reduction(?:\s{1,3}(?:with|for|in)\s{1,3}[^,;()]{1,40}?)?\s{1,3}(?:of|was|were|is)|(?:reduced|increased|lowered|raised|decreased|improved|rose|fell|dropped|declined|grew|changed|differed|cut|higher|lower)\s{1,3}by|increase[sd]? of|reduction of|decrease[sd]? of|change of|improvement of|rise of|fall of|drop of|decline of|reduced|increased|lowered|raised|cut)\s{0,3}(?:about|approximately|around|nearly|almost|over|up to)?\s{0,3}$/i;
const RELATIVE_AFTER = /^\s{0,3}(?:or\s{1,3}(?:greater|more|higher|less|lower|fewer)|efficacy|effectiveness|protection|relative|lower|higher|greater|more|less|fewer|reduction|increase|decrease|change|improvement|drop|rise|fall|smaller|larger|risk reduction|relatively|faster|slower|of (?:the )?(?:dose|baseline|maximum|normal|predicted))\b/i;

/** "reduced by 30%", "a 30% lower risk": relative changes, not shares of patients. */
function isRelative(text: string, start: number, end: number): boolean {
  // "60% of patients", "23% of those on placebo": a share of a group, whatever precedes it.
  if (/^\s{0,3}of\s/i.test(text.slice(end, end + 5))) return false;
  return RELATIVE_BEFORE.test(text.slice(Math.max(0, start - 80), start)) || RELATIVE_AFTER.test(text.slice(end, end + 40));
}

/** "1.69% per year", "0.5 per cent per month": an event rate. */
const RATE_AFTER = /^\s{0,3}(?:(?:per|a|an|each|\/)\s{0,3}(?:(?:patient|person|participant)[- ]?)?(?:years?|annum|months?|weeks?|days?|100|1000|1,000|10,000|100,000)\b|annual(?:ly)?\b|yearly\b)/i;
/** "5% albumin", "0.9% saline solution", "2% chlorhexidine": a concentration. */
const CONCENTRATION_AFTER = /^\s{0,3}(?:w\/v|v\/v|w\/w|albumin|saline|solution|dextrose|glucose|sodium|potassium|chlorhexidine|povidone|lidocaine|lignocaine|bupivacaine|ropivacaine|levobupivacaine|tetracaine|gel|cream|ointment|foam|lotion|spray|oxygen|ethanol|alcohol|nitrous|topical|tincture|mouthwash|drops|eye\s{1,3}drops|formulation)\b/i;
/** "a 37% margin", "below 37%" said of a bound: a margin or threshold. */
const MARGIN_AFTER = /^\s{0,3}(?:(?:absolute|relative|acceptable|prespecified|pre-specified|predefined|pre-defined|non-?inferiority|equivalence|clinically\s{1,3}(?:important|relevant|meaningful))\s{1,3}){0,3}(?:margin|threshold|cut-?off|boundary|limit)\b/i;
const MARGIN_BEFORE = /(?:\b(?:margin|threshold|cut-?off|boundary|limit)\s{1,3}(?:of|was|were|is|at|set\s{1,3}at)\s{1,3}|\b(?:fall|falls|fell|lie|lies|lay|be|remain|remains|stay|stays)\s{1,3}(?:below|above|under|within)\s{1,3})$/i;
/** The words that make "x% of …" a share of patients (or of a named group). */
const OF_PEOPLE = /^\s{0,3}of\s{1,3}(?:(?:the|all|these|those|them|whom|each|both)\b|(?:patients|participants|subjects|people|persons|individuals|residents|children|adults|women|men|girls|boys|infants|babies|neonates|newborns|mothers|volunteers|recipients|responders|cases|eyes|users|smokers|pregnancies|couples|households|hospitals|clusters|sites|practices|schools|villages|\d))/i;

/**
 * What a bare percentage is: a share of patients (nothing set), a relative change, or not a
 * share of patients at all (a rate, a concentration, a margin, a share of something else).
 */
function shareKind(text: string, start: number, end: number, masked: readonly [number, number][]): { relative?: true; nonShare?: true } {
  const after = text.slice(end, end + 60);
  const before = text.slice(Math.max(0, start - 50), start);
  if (RATE_AFTER.test(after) || CONCENTRATION_AFTER.test(after) || MARGIN_AFTER.test(after) || MARGIN_BEFORE.test(before)) return { nonShare: true };
  const of = /^\s{0,3}of\s{1,3}(?:the\s{1,3})?/i.exec(after);
  if (of) {
    // "84% of planned enrolment", "60% of deaths": of something that is not a group of patients.
    const at = end + of[0].length;
    const named = masked.some(([a]) => a === at);
    return named || OF_PEOPLE.test(after) ? {} : { nonShare: true };
  }
  return isRelative(text, start, end) ? { relative: true } : {};
}

const NOT_GROUP = /\b(?:assessed|screened|approached|evaluated|examined|excluded|withdr[ae]w\w*|discontinu\w*|treated|completed|screened|enrolled|lost|died|dropped|missed|declined|ineligible|refused|crossed over|switched|remained|received|had|experienced|reported|developed)\b/i;

const RANDOMISED_VERB = /\b(?:were|was)\s{1,3}(?:(?:enrolled|recruited)\s{1,3}and\s{1,3})?(?:randomi[sz]ed|randomly\s{1,3}(?:assigned|allocated)|allocated|assigned)/i;

/**
 * "330 patients aged 16 years and older with bipolar I disorder were randomly assigned": the
 * randomising verb later in the clause, whose subject is this number, not another one ("1360
 * patients were assessed and 672 were randomly assigned").
 */
export function randomisedLater(after: string): boolean {
  const v = RANDOMISED_VERB.exec(after);
  if (!v) return false;
  const between = after.slice(0, v.index);
  return !/[.;]/.test(between) && !/(?<![\d,])\d[\d,]{0,9}\s{1,3}(?:[a-z-]{1,20}\s{1,3}){0,2}$/i.test(between.slice(-60));
}

/** What "N patients" is: a randomised group, the analysed set, the trial, or something else. */
function sampleRole(text: string, start: number, end: number, qualifier: string | undefined): NonNullable<RawMention['role']> {
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(end, end + 50);
  const q = qualifier?.toLowerCase();
  if (q && /^randomi[sz]ed$/.test(q)) return 'randomized';
  if (q && /^(evaluable)$/.test(q)) return 'analysed';
  if (q) return 'other';
  if (/^\s{0,3}(?:per|in each|each|in every)\s{1,3}(?:arm|group)/i.test(after)) return 'other';
  // "Of the 122 babies in the control group": one group's size, named by words, not by an arm label.
  if (/^\s{0,3}(?:in|on)\s{1,3}(?:the|both)\s{1,3}[^.,;]{0,40}?\b(?:group|arm)s?\b/i.test(after)) return 'other';
  // "1561 subjects whose adenomas had been removed … were randomly assigned": a description of the
  // group, then its randomisation (the "had" belongs to the description).
  if (/^\s{0,3}(?:who|whose|with|without|aged|that|from|having|undergoing)\b/i.test(after) && randomisedLater(text.slice(end, end + 170))) return 'randomized';
  if (NOT_GROUP.test(after.slice(0, 30)) && !/^\s{0,3}(?:were|was)\s{1,3}(?:(?:enrolled|recruited)\s{1,3}and\s{1,3})?(?:randomi|randomly|assigned|allocated)/i.test(after)) return 'other';
  if (/^\s{0,3}(?:(?:were|was|had been)\s{1,3})?(?:randomi[sz]ed|randomly assigned|assigned|allocated)/i.test(after)) return 'randomized';
  if (randomisedLater(text.slice(end, end + 170))) return 'randomized';
  if (/\b(?:randomly\s{1,3})?(?:assigned|randomi[sz]ed|allocated)\s{1,3}(?:a\s{1,3}total\s{1,3}of\s{1,3})?$/i.test(before)) return 'randomized';
  if (/\b(?:of|among|in)\s{1,3}(?:the\s{1,3})?$/i.test(before) && /^\s{0,3}(?:randomi[sz]ed|who were randomi)/i.test(after)) return 'randomized';
  if (/^\s{0,3}(?:were|was)\s{1,3}(?:analy[sz]ed|included in the analysis)/i.test(after)) return 'analysed';
  // "Of the 4417 infants in the per-protocol efficacy analysis": a set the front matter does not hold.
  if (/^\s{0,3}(?:in|of)\s{1,3}the\s{1,3}(?:[a-z-]{2,20}\s{1,3}){0,3}(?:analys[ie]s|population|set|cohort|subgroup|sub-?study)\b/i.test(after)) return 'other';
  if (/\b(?:safety|per-?protocol|as-treated|modified|pp|mitt)\s{1,3}(?:analys[ie]s|population|set)\s{1,3}(?:included|comprised|consisted\s{1,3}of)\s{1,3}$/i.test(before)) return 'other';
  if (/\b(?:analys[ie]s|population)\s{1,3}(?:included|comprised|consisted\s{1,3}of)\s{1,3}$/i.test(before)) return 'analysed';
  // "In a substudy of 698 participants": a part of the trial, not the trial.
  if (/\b(?:sub-?stud(?:y|ies)|subgroups?|subsets?|sub-?samples?|cohorts?|extension|pilot|sub-?analys[ie]s)\s{1,3}(?:of|in|with|among)\s{1,3}(?:the\s{1,3})?$/i.test(before)) return 'other';
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
  // Every mention has a digit, but "none of the 12" (which has one too): no digit, no mention.
  if (!/\d/.test(text)) return [];
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
  for (const { re, make, needs } of PATTERNS) {
    if (needs && !needs.test(t)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const start = m.index;
      const end = m.index + m[0].length;
      if (!free(start, end)) continue;
      const made = make(m, t, masked);
      const mentions = !made ? [] : Array.isArray(made) ? made : [made];
      if (mentions.length === 0 || !mentions.every(unmasked)) continue;
      claimed.splice(firstEndingAfter(start), 0, [start, end]);
      for (const mention of mentions) out.push(mention);
    }
  }
  out.sort((a, b) => a.start - b.start);
  inheritRelative(t, out);
  return out;
}

/** "… relative reductions of 67% with TDF (95% CI, 52 to 81) and of 75% with TDF-FTC": a list goes on. */
const LIST_GOES_ON = /^[^.;()]{0,60}?(?:\([^()]{0,80}\))?\s{0,3},?\s{0,3}(?:and|or)\s{1,3}(?:(?:of|by|was|were)\s{1,3})?$/i;

function inheritRelative(text: string, out: RawMention[]): void {
  let prev: RawMention | undefined;
  for (const r of out) {
    if (r.kind !== 'share' || !r.share) continue;
    if (prev && (prev.relative || prev.nonShare) && !r.relative && !r.nonShare && !r.events && !/^\s{0,3}of\s/i.test(text.slice(r.end, r.end + 5)) && LIST_GOES_ON.test(text.slice(prev.end, r.start))) {
      if (prev.relative) r.relative = true;
      else r.nonShare = true;
    }
    prev = r;
  }
}

const HEADER_MEASURE = /\b(odds ratios?|risk ratios?|relative risks?|hazard ratios?|rate ratios?|risk differences?|mean differences?|differences?|OR|RR|HR|aOR|aHR|IRR|RD|MD)\b/;
const CELL_ESTIMATE = new RegExp(String.raw`^\s{0,3}(${SN})(?:\s{0,3}[([]\s{0,3}(${SN})\s{0,3}(?:to|–|—|-|,|;)\s{0,3}(${SN})\s{0,3}[)\]])?\s{0,3}$`, 'd');
const CELL_P = new RegExp(String.raw`^\s{0,3}(?:[pP]\s{0,3})?(<=|>=|≤|≥|=|<|>)?\s{0,3}(${N})\s{0,3}$`, 'd');

/** What a table column holds, from its header: an effect estimate (with its CI) or a p value. */
export function statisticColumn(header: string): { kind: 'effect'; measure: EffectMeasure; level: number } | { kind: 'p' } | undefined {
  if (/^\s*p(?:[\s-]{0,3}values?)?\s*$/i.test(header)) return { kind: 'p' };
  const measure = HEADER_MEASURE.exec(header);
  if (!measure) return undefined;
  const level = /(\d{2}(?:\.\d)?)\s?%\s{0,3}(?:CI|confidence)/i.exec(header);
  return { kind: 'effect', measure: measureOf(measure[1]!), level: level ? Number(level[1]) : 95 };
}

/**
 * A cell of a statistic column: "0.66 (0.55–0.79)" is an effect and its interval, "<0.001" a p
 * value. Offsets are the cell text's.
 */
export function statisticCell(text: string, column: NonNullable<ReturnType<typeof statisticColumn>>): RawMention[] {
  const t = text.replace(/\u2212/g, '-');
  if (column.kind === 'p') {
    const m = CELL_P.exec(t);
    if (!m) return [];
    const v = numAt(m, 2)!;
    if (v.value > 1) return [];
    return [{ kind: 'p', start: v.start, end: v.end, p: { op: P_OPS[m[1] ?? '='] ?? '=', value: v.value, text: v.text, decimals: v.decimals, start: v.start, end: v.end } }];
  }
  const m = CELL_ESTIMATE.exec(t);
  if (!m) return [];
  const value = numAt(m, 1)!;
  const out: RawMention[] = [{ kind: 'effect', start: value.start, end: value.end, effect: { measure: column.measure, value, percentagePoints: false } }];
  const lo = numAt(m, 2);
  const hi = numAt(m, 3);
  if (lo && hi) out.push({ kind: 'interval', start: lo.start, end: hi.end, interval: { level: column.level, lo, hi } });
  return out;
}
