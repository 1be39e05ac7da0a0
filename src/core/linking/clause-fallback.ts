// The clause rule (docs/linking.md), run last for numbers no construction claimed: a number
// binds to the arm named in its own clause; if its clause names none, to the only arm the
// sentence names; if the clause names two, to the one right after it ("36.8% on 0.2 MIU").
// Links made here are *inferred*: a disagreement on one is read charitably first.
import type { RawMention } from '../mentions.js';
import { distinct, type Hit } from './names.js';
import { clauseOf, segmentOf } from './sentences.js';
import type { Construction } from './view.js';

export interface Fallback {
  armId?: string;
  via?: Construction;
}

/** Own clause; else the only one the sentence names; two in the clause: the one directly after. */
export function bindArm(text: string, clauseHits: Hit[], sentenceHits: Hit[], start: number, end: number): Fallback {
  const inClause = distinct(clauseHits, 'arm');
  if (inClause.length === 1) return { armId: inClause[0]!, via: 'clause' };
  if (inClause.length > 1) {
    const next = clauseHits.find((h) => h.kind === 'arm' && h.start >= end);
    if (next && next.start - end <= 30) return { armId: next.id, via: 'clause' };
    // "IL-2 1.0 MIU 60%": a label right before its value (not across a ";": "14 control; 93%").
    const prev = [...clauseHits].reverse().find((h) => h.kind === 'arm' && h.end <= start);
    return prev && start - prev.end <= 3 && !/[;,]/.test(text.slice(prev.end, start)) ? { armId: prev.id, via: 'clause' } : {};
  }
  const inSentence = distinct(sentenceHits, 'arm');
  if (inSentence.length !== 1) return {};
  // "84% … than with aspirin only": the only arm named is the comparator, and the number before
  // it belongs to the other side, which the sentence does not name.
  const named = sentenceHits.filter((h) => h.kind === 'arm');
  if (named.every((h) => start < h.start && COMPARATOR_BEFORE.test(text.slice(Math.max(0, h.start - 40), h.start)))) return {};
  return { armId: inSentence[0]!, via: 'sentence' };
}

const COMPARATOR_BEFORE = /\b(?:than|versus|vs\.?|compared\s{1,3}(?:with|to)|relative\s{1,3}to|against)\s{1,3}(?:(?:with|in|on|for|among|those|patients|participants|the|receiving|given|taking|who\s{1,3}received)\s{1,3}){0,3}$/i;

/** The endpoint or adverse event of a number: its clause's own, else the sentence's; never two. */
export function bindOutcome(clauseHits: Hit[], sentenceHits: Hit[]): { endpointId?: string; adverseEvent?: number } {
  const epC = distinct(clauseHits, 'endpoint');
  const aeC = distinct(clauseHits, 'ae');
  if (epC.length + aeC.length === 1) return epC[0] ? { endpointId: epC[0] } : { adverseEvent: Number(aeC[0]) };
  if (epC.length + aeC.length > 0) return {};
  const epS = distinct(sentenceHits, 'endpoint');
  const aeS = distinct(sentenceHits, 'ae');
  if (epS.length + aeS.length === 1) return epS[0] ? { endpointId: epS[0] } : { adverseEvent: Number(aeS[0]) };
  return {};
}

/** Clause-level arm for a mention, given the sentence's hits and clause bounds. */
export function fallbackArm(text: string, raw: RawMention, hits: Hit[], bounds: number[]): Fallback {
  const c = clauseOf(bounds, raw.start);
  const clauseHits = hits.filter((h) => clauseOf(bounds, h.start) === c);
  if (raw.kind === 'sample-size' && raw.role !== 'group') {
    // "152 patients were randomised": an arm's size only when it is the only arm the sentence names.
    const arms = distinct(hits, 'arm');
    return arms.length === 1 ? { armId: arms[0]!, via: 'sentence' } : {};
  }
  return bindArm(text, clauseHits, hits, raw.start, raw.end);
}

/**
 * The outcome of a mention: its clause's own; else the nearest one named before it in its
 * `;`-segment ("There were more deaths in the X group than in the placebo group (129 [3.1%] vs
 * 97 [2.3%])"); else the sentence's only one.
 */
export function fallbackOutcome(text: string, raw: RawMention, hits: Hit[], bounds: number[], depth: readonly number[]): { endpointId?: string; adverseEvent?: number } {
  const c = clauseOf(bounds, raw.start);
  const clauseHits = hits.filter((h) => clauseOf(bounds, h.start) === c);
  if (clauseHits.some((h) => h.kind !== 'arm')) return bindOutcome(clauseHits, hits);
  const [from, to] = segmentOf(text, depth, raw.start, raw.end);
  const before = hits.filter((h) => h.kind !== 'arm' && h.start >= from && h.end <= raw.start);
  const nearest = before[before.length - 1];
  if (nearest) return nearest.kind === 'endpoint' ? { endpointId: nearest.id } : { adverseEvent: Number(nearest.id) };
  // "…; 276 (11.6%) and 329 (13.9%), respectively, died from any cause": the segment's only outcome.
  const segment = hits.filter((h) => h.start >= from && h.end <= to);
  if (distinct(segment, 'endpoint').length + distinct(segment, 'ae').length === 1) return bindOutcome(segment, segment);
  return bindOutcome(clauseHits, hits);
}
