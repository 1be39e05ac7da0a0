// Binds every numeric mention of the body to its arm, endpoint or adverse event (docs/linking.md).
// A small pipeline per sentence:
//
//   1. construction matchers (src/core/linking/*.ts), each claiming the numbers its construction
//      carries: label parenthesis, group phrase, respectively list, comparison frame, whole-trial
//      frame, event count;
//   2. claims that disagree leave the number unlinked: a wrong link raises a false alarm, a
//      missing one only loses a check;
//   3. the clause fallback, last, for numbers no construction claimed; its links are *inferred*.
//
// Tables are linked by their layout (linking/tables.ts). Every link records how it was made.
import { append } from './arrays.js';
import type { LineIndex } from './lines.js';
import { comparisonFrame } from './linking/comparison-frame.js';
import { groupComparisons } from './linking/comparisons.js';
import { fallbackArm, fallbackOutcome } from './linking/clause-fallback.js';
import { toMention } from './linking/emit.js';
import { isValueInterval } from './linking/value-interval.js';
import { eventCount } from './linking/event-count.js';
import { groupPhrase } from './linking/group-phrase.js';
import { labelParenthesis } from './linking/label-parenthesis.js';
import { distinct, findNames, GRADE_QUALIFIER, meaningfulHits, namesOf, type Hit, type Name } from './linking/names.js';
import { respectively } from './linking/respectively.js';
import { subgroup } from './linking/subgroup.js';
import { bracketDepths, clauseBounds, sentenceSpans } from './linking/sentences.js';
import { otherTimepoint } from './linking/timepoints.js';
import { tableMentions } from './linking/tables.js';
import { isArmLevel, nameLists, valueLists, type Claim, type Matcher, type SentenceView } from './linking/view.js';
import { wholeTrial } from './linking/whole-trial.js';
import { extractMentions, type RawMention } from './mentions.js';
import { sourceSpan } from './parse.js';
import type { Mention, MentionLink, ProseComparison, Sentence, TextBlock, TrialModel } from './types.js';

export type { Name } from './linking/names.js';

/** The construction matchers. Their order does not matter: claims are merged, not overridden. */
export const MATCHERS: readonly Matcher[] = [labelParenthesis, groupPhrase, respectively, comparisonFrame, wholeTrial, eventCount, subgroup];

const ADJUSTED = /\b(?:adjusted|model-based|modelled|modeled|estimated|weighted|kaplan|cumulative incidence|least[- ]squares|ls mean|imputed|imputation)\b/i;

const armKey = (c: Claim): string | undefined => (c.trial ? '#trial' : c.armId);
const outcomeKey = (c: Claim): string | undefined => (c.endpointId !== undefined ? `e:${c.endpointId}` : c.adverseEvent !== undefined ? `a:${c.adverseEvent}` : undefined);

/**
 * Links the mentions of one sentence: what the constructions claim, merged; then the clause
 * fallback for what none claimed. Returns the mentions as read (an event count stops being a
 * group size) with their links.
 */
export function linkSentence(text: string, hits: Hit[], allRaws: RawMention[], depth: number[] = bracketDepths(text), previousArmLists?: () => string[][]): { raw: RawMention; link: MentionLink }[] {
  const linked = linkAll(text, hits, allRaws, depth, previousArmLists);
  // A bare number ("489 with tranexamic acid") is a count only when a construction says whose.
  return linked.filter(({ raw, link }) => !raw.bare || (!!link.armId && !link.inferred));
}

function linkAll(text: string, hits: Hit[], raws: RawMention[], depth: number[], previousArmLists?: () => string[][]): { raw: RawMention; link: MentionLink }[] {
  const view: SentenceView = { text, hits, raws, depth, ...(previousArmLists ? { previousArmLists } : {}) };
  const claims: Claim[][] = raws.map(() => []);
  for (const matcher of MATCHERS) for (const c of matcher(view)) claims[c.mention]!.push(c);
  const linked = resolve(text, hits, raws, depth, claims);
  shareListOutcome(view, linked);
  return linked;
}

/**
 * "In the X, Y and Z groups, 88.7%, 90.9%, and 85.1% of the children recovered, respectively":
 * the values of one list measure one outcome; when only some of them found it by their clause, the
 * others take it too (never over an outcome of their own).
 */
function shareListOutcome(view: SentenceView, linked: { raw: RawMention; link: MentionLink }[]): void {
  for (const list of valueLists(view)) {
    const members = list.map((i) => linked[i]!).filter((x) => x.link.via !== 'subgroup');
    const outcomes = new Set(members.map((x) => (x.link.endpointId !== undefined ? `e:${x.link.endpointId}` : x.link.adverseEvent !== undefined ? `a:${x.link.adverseEvent}` : '')).filter(Boolean));
    if (outcomes.size !== 1 || members.length !== list.length) continue;
    const from = members.find((x) => x.link.endpointId !== undefined || x.link.adverseEvent !== undefined)!.link;
    for (const x of members) {
      if (x.link.endpointId !== undefined || x.link.adverseEvent !== undefined) continue;
      if (from.endpointId !== undefined) x.link.endpointId = from.endpointId;
      else x.link.adverseEvent = from.adverseEvent!;
    }
  }
}

function resolve(text: string, hits: Hit[], raws: RawMention[], depth: number[], claims: Claim[][]): { raw: RawMention; link: MentionLink }[] {
  let bounds: number[] | undefined;
  let gradedSubset: boolean | undefined;
  return raws.map((original, i) => {
    const mine = claims[i]!;
    let raw = original;
    const events = mine.some((c) => c.events);
    // "57 patients had a flare": a count of events, not a group size.
    if (events && raw.kind === 'sample-size' && raw.total) {
      const { total, role: _role, ...rest } = raw;
      raw = { ...rest, kind: 'count', events: total };
    }
    const link: MentionLink = {};
    const subgroup = mine.find((c) => c.none === 'all');
    if (subgroup) {
      link.via = subgroup.via;
      // A subgroup's size is no group size of the front matter.
      return { raw: raw.kind === 'sample-size' ? { ...raw, role: 'other' } : raw, link };
    }
    const noArm = mine.find((c) => c.none === 'arm');
    const arms = noArm ? [] : [...new Set(mine.map(armKey).filter((k): k is string => !!k))];
    const outcomes = [...new Set(mine.map(outcomeKey).filter((k): k is string => !!k))];
    if (mine.some((c) => c.size) && raw.kind === 'sample-size' && raw.role === 'other') raw = { ...raw, role: 'group' };
    if (arms.length === 1) {
      const by = mine.find((c) => armKey(c) === arms[0])!;
      if (arms[0] === '#trial') {
        if (raw.kind === 'sample-size' && raw.role === 'group') raw = { ...raw, role: 'trial' };
      } else link.armId = arms[0]!;
      link.via = by.via;
    } else if (arms.length > 1) {
      // Constructions that disagree leave the number unlinked: not even compared as the trial's.
      if (raw.kind === 'sample-size' && raw.role !== 'other') raw = { ...raw, role: 'other' };
    } else if (noArm) {
      link.via = noArm.via;
      if (raw.kind === 'sample-size' && raw.role === 'group') raw = { ...raw, role: 'other' };
    } else if (arms.length === 0 && !events && raw.role !== 'trial' && (isArmLevel(raw) || raw.kind === 'sample-size')) {
      bounds ??= clauseBounds(text, depth);
      const f = fallbackArm(text, raw, hits, bounds);
      if (f.armId) {
        link.armId = f.armId;
        link.via = f.via!;
        link.inferred = true;
      }
    }
    if (outcomes.length === 1) {
      const c = mine.find((x) => outcomeKey(x) === outcomes[0])!;
      if (c.endpointId !== undefined) link.endpointId = c.endpointId;
      else link.adverseEvent = c.adverseEvent!;
      link.via ??= c.via;
    } else if (outcomes.length === 0 && raw.kind !== 'sample-size') {
      bounds ??= clauseBounds(text, depth);
      const outcome = fallbackOutcome(text, raw, hits, bounds, depth);
      // "Neutropenia was the commonest grade 3/4 adverse event (89.0% …)": a number of a graded
      // subset is not the outcome's own, unless the outcome's name says the grade.
      if (!(gradedSubset ??= gradeOutside(text, hits)) || namedWithGrade(outcome, hits, text)) Object.assign(link, outcome);
    }
    return { raw, link };
  });
}

/** The lists of arms a sentence names, as ids in order. */
function armLists(text: string, hits: Hit[], depth: number[]): string[][] {
  return nameLists({ text, hits, raws: [], depth }, ['arm']).map((l) => l.map((h) => h.id));
}

/** A grade qualifier in the sentence outside every name. */
function gradeOutside(text: string, hits: Hit[]): boolean {
  let rest = text;
  for (const h of hits) rest = rest.slice(0, h.start) + ' '.repeat(h.end - h.start) + rest.slice(h.end);
  return GRADE_QUALIFIER.test(rest);
}

function namedWithGrade(outcome: { endpointId?: string; adverseEvent?: number }, hits: Hit[], text: string): boolean {
  const h = hits.find((x) => (outcome.endpointId !== undefined && x.kind === 'endpoint' && x.id === outcome.endpointId) || (outcome.adverseEvent !== undefined && x.kind === 'ae' && Number(x.id) === outcome.adverseEvent));
  return !!h && GRADE_QUALIFIER.test(text.slice(h.start, h.end));
}

export interface Linked {
  sentences: Sentence[];
  mentions: Mention[];
  proseComparisons: ProseComparison[];
}

/** What linking produces for a run of paragraphs and tables (one chunk of the document). */
export interface LinkPart {
  sentences: Sentence[];
  /** Mentions in the paragraphs, then (separately) in the tables: `linkMentions` lists all prose first. */
  prose: Mention[];
  tables: Mention[];
  proseComparisons: ProseComparison[];
}

/** The names linking looks for (the incremental cache keys its links by them). */
export interface LinkContext {
  model: TrialModel;
  lines: LineIndex;
  names: Name[];
  /** Each endpoint's label, whose time points decide whether a sentence may name it. */
  endpointLabels: Map<string, string>;
}

export function linkContext(model: TrialModel, lines: LineIndex): LinkContext {
  return { model, lines, names: namesOf(model), endpointLabels: new Map(model.endpoints.map((e) => [e.id, e.label])) };
}

/** Links paragraphs `[from, to)` and tables `[tFrom, tTo)`; the first sentence gets index `sentenceBase`. */
export function linkPart(ctx: LinkContext, from: number, to: number, tFrom: number, tTo: number, sentenceBase: number): LinkPart {
  const part: LinkPart = { sentences: [], prose: [], tables: [], proseComparisons: [] };
  for (let i = from; i < to; i++) {
    const block = ctx.model.paragraphs[i]!;
    if (block.kind !== 'paragraph') continue;
    proseBlock(ctx, block, i, sentenceBase, part);
  }
  for (let t = tFrom; t < tTo; t++) tableMentions(ctx.lines, ctx.names, ctx.model.tables[t]!, part.tables, part.proseComparisons);
  return part;
}

/** The parts of consecutive runs, joined in document order (prose mentions before table ones). */
export function joinParts(parts: LinkPart[]): Linked {
  if (parts.length === 1) {
    const p = parts[0]!;
    return { sentences: p.sentences, mentions: p.tables.length ? [...p.prose, ...p.tables] : p.prose, proseComparisons: p.proseComparisons };
  }
  const out: Linked = { sentences: [], mentions: [], proseComparisons: [] };
  for (const p of parts) for (const s of p.sentences) out.sentences.push(s);
  for (const p of parts) for (const m of p.prose) out.mentions.push(m);
  for (const p of parts) for (const m of p.tables) out.mentions.push(m);
  for (const p of parts) for (const c of p.proseComparisons) out.proseComparisons.push(c);
  return out;
}

/** Reads, links and groups every numeric mention of the body. */
export function linkMentions(model: TrialModel, lines: LineIndex): Linked {
  const ctx = linkContext(model, lines);
  return joinParts([linkPart(ctx, 0, model.paragraphs.length, 0, model.tables.length, 0)]);
}

function proseBlock(ctx: LinkContext, block: TextBlock & { section?: string }, blockIndex: number, sentenceBase: number, part: LinkPart): void {
  const hitsAll = meaningfulHits(block.text, findNames(block.text, ctx.names));
  // The previous sentence's lists of arms, worked out only if a respectively list needs them.
  let previous: (() => string[][]) | undefined;
  for (const [s, e] of sentenceSpans(block.text)) {
    const text = block.text.slice(s, e);
    const text0 = block.text.slice(s, e);
    const hits = hitsAll
      .filter((h) => h.start >= s && h.end <= e)
      .filter((h) => h.kind !== 'endpoint' || !otherTimepoint(text0, ctx.endpointLabels.get(h.id) ?? ''))
      .map((h) => ({ ...h, start: h.start - s, end: h.end - s }));
    const [ss, se] = sourceSpan(block, s, e, ctx.lines);
    const sentenceIndex = sentenceBase + part.sentences.length;
    const sentence: Sentence = {
      text,
      range: ctx.lines.range(ss, se),
      block: blockIndex,
      armIds: distinct(hits, 'arm'),
      endpointIds: distinct(hits, 'endpoint'),
      adverseEvents: distinct(hits, 'ae').map(Number),
      ...(block.section ? { section: block.section } : {}),
    };
    part.sentences.push(sentence);
    const raws = extractMentions(text, hits.map((h) => [h.start, h.end]));
    const depth = bracketDepths(text);
    const before = previous;
    let lists: string[][] | undefined;
    previous = () => (lists ??= armLists(text, hits, depth));
    if (raws.length === 0) continue;
    const adjusted = ADJUSTED.test(text);
    const linked = linkSentence(text, hits, raws, depth, before);
    const kept = linked.map((x) => x.raw);
    const mentions = linked.map(({ raw, link }, i) => {
      const m = toMention(ctx.lines, block, s, raw, 'prose', sentenceIndex, text, link, adjusted);
      if (isValueInterval(text, kept, i, depth)) {
        m.ofValue = true;
        m.link = { via: 'value interval' };
      }
      return m;
    });
    append(part.prose, mentions);
    groupComparisons(mentions, kept, hits, sentenceIndex, sentence, part.proseComparisons);
  }
}
