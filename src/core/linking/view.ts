// What every construction matcher reads: one sentence, the names found in it, its numeric
// mentions and its bracket structure; and what a matcher returns, its claims.
import type { RawMention } from '../mentions.js';
import type { Hit } from './names.js';
import { segmentOf } from './sentences.js';

export interface SentenceView {
  text: string;
  /** Names found in the sentence, sorted by offset. */
  hits: Hit[];
  /** Numeric mentions, sorted by offset. */
  raws: RawMention[];
  /** Bracket depth before each character. */
  depth: number[];
  /** The lists of arms the previous sentence of the paragraph names ("In the X, Y and Z groups, …"). */
  previousArmLists?: () => string[][];
}

/** How a link was made: the construction that carries the number. */
export type Construction =
  | 'label parenthesis'
  | 'group phrase'
  | 'respectively list'
  | 'comparison frame'
  | 'whole-trial frame'
  | 'event count'
  | 'subgroup'
  | 'value interval'
  | 'table column'
  | 'table row'
  | 'clause'
  | 'sentence';

/**
 * What a matcher says about one mention: its arm (or that it is the whole trial's), its
 * outcome, or that a group size is really a count of events. Claims by different matchers on
 * one mention are merged; claims that disagree leave it unlinked.
 */
export interface Claim {
  /** Index into `SentenceView.raws`. */
  mention: number;
  armId?: string;
  trial?: true;
  endpointId?: string;
  adverseEvent?: number;
  /** "57 patients had a flare": a count of events, never a group size. */
  events?: true;
  /** "placebo (372 patients)": the number is the arm's size. */
  size?: true;
  /**
   * The construction carries this number, but names no arm of the front matter for it: one value
   * of a pair whose arm is not named, a group the front matter does not declare ('arm': no other
   * claim and no fallback gives it an arm; its outcome is still read); or a subgroup's figure
   * ('all': it stays unlinked, arm and outcome).
   */
  none?: 'arm' | 'all';
  via: Construction;
}

export type Matcher = (s: SentenceView) => Claim[];

/** Shares of patients, counts and group sizes: the numbers that belong to one arm. */
export function isArmLevel(r: RawMention): boolean {
  return (r.kind === 'share' && !r.relative && !r.nonShare) || r.kind === 'count' || r.kind === 'sample-size';
}

const VALUE_JOIN = /^[\s,]{0,4}(?:(?:and|or|vs\.?|versus|compared with|compared to)\s{1,3})?(?:(?:in|with|on)\s{1,3})?$/i;

/**
 * Runs of arm-level mentions joined only by list words ("48.6% and 31.2%", "12 (8%), 15 (10%)
 * and 20 (14%)", "47.1% versus 35.0%"), within `[from, to)`, as lists of mention indexes.
 */
export function valueLists(s: SentenceView, from = 0, to = s.text.length): number[][] {
  const out: number[][] = [];
  let run: number[] = [];
  let prevEnd = -1;
  s.raws.forEach((r, i) => {
    if (r.start < from || r.end > to) return;
    if (!isArmLevel(r)) {
      if (run.length) out.push(run);
      run = [];
      return;
    }
    if (run.length && VALUE_JOIN.test(s.text.slice(prevEnd, r.start)) && s.depth[prevEnd] === s.depth[r.start]) run.push(i);
    else {
      if (run.length) out.push(run);
      run = [i];
    }
    prevEnd = r.end;
  });
  if (run.length) out.push(run);
  return out;
}

const NAME_JOIN = /^\s{0,3}(?:(?:groups?|arms?|recipients)\s{0,3})?,?\s{0,3}(?:(?:and|or|vs\.?|versus|to)\s{1,3})?(?:(?:with|on|in)\s{1,3})?(?:the\s{1,3})?$/i;

/** Runs of names of one kind joined by list words ("X, Y and placebo", "the 10 mg and 5 mg groups"). */
export function nameLists(s: SentenceView, kinds: readonly Hit['kind'][]): Hit[][] {
  const out: Hit[][] = [];
  let run: Hit[] = [];
  for (const h of s.hits) {
    if (!kinds.includes(h.kind)) {
      if (run.length) out.push(run);
      run = [];
      continue;
    }
    const prev = run[run.length - 1];
    if (prev && (prev.kind === 'arm') === (h.kind === 'arm') && NAME_JOIN.test(s.text.slice(prev.end, h.start))) run.push(h);
    else {
      if (run.length) out.push(run);
      run = [h];
    }
  }
  if (run.length) out.push(run);
  // A list names distinct things: "placebo ... placebo" is not a list of two.
  return out.filter((l) => new Set(l.map((h) => `${h.kind}:${h.id}`)).size === l.length);
}

/**
 * What joins a second arm to the first in a list of arms ("to X or placebo", "X (n = 40) and
 * placebo"), as opposed to a second number ("to X and 158 to Y").
 */
export const ARM_LIST_AFTER = /^\s{0,3}(?:groups?|arms?)?\s{0,3}(?:\([^()]{0,40}\))?\s{0,3}(?:,|\b(?:or|and|vs\.?|versus)\b)\s{0,3}(?:to\s{1,3})?(?:(?:the|a|an|matching|matched)\s{1,3}){0,2}$/i;

/** People, and the words that stand for them in group phrases ("those", "recipients"). */
export const PEOPLE_WORDS = String.raw`(?:patients|participants|subjects|people|persons|individuals|children|adults|women|men|girls|boys|infants|babies|neonates|newborns|mothers|volunteers|those|recipients|cases|eyes)`;

/** An outcome claim's fields for a name hit. */
export function outcomeOf(h: Hit): Pick<Claim, 'endpointId' | 'adverseEvent'> {
  return h.kind === 'endpoint' ? { endpointId: h.id } : { adverseEvent: Number(h.id) };
}

/** The `;`-delimited segment (at bracket depth 0) of the sentence around `pos`. */
export function segmentAround(s: SentenceView, pos: number): [number, number] {
  return segmentOf(s.text, s.depth, pos, pos);
}
