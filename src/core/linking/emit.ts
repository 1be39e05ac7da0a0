// Turning a raw mention (offsets in a block's plain text) into a model Mention with source ranges.
import type { LineIndex } from '../lines.js';
import type { RawMention, RawNumber } from '../mentions.js';
import { sourceSpan } from '../parse.js';
import type { Mention, MentionLink, TextBlock, WrittenNumber } from '../types.js';

/** Converts a raw number at block-text offsets to a written number with its source range. */
export function written(lines: LineIndex, block: TextBlock, base: number, n: RawNumber): WrittenNumber {
  const [s, e] = sourceSpan(block, base + n.start, base + n.end, lines);
  return { value: n.value, text: n.text, decimals: n.decimals, range: lines.range(s, e) };
}

export function toMention(lines: LineIndex, block: TextBlock, base: number, raw: RawMention, where: Mention['where'], sentence: number, text: string, link: MentionLink, adjusted: boolean): Mention {
  const [s, e] = sourceSpan(block, base + raw.start, base + raw.end, lines);
  const m: Mention = { kind: raw.kind, range: lines.range(s, e), text: text.slice(raw.start, raw.end), where, sentence, link };
  if (raw.share) m.share = written(lines, block, base, raw.share);
  if (raw.events) m.events = written(lines, block, base, raw.events);
  if (raw.total) m.total = written(lines, block, base, raw.total);
  if (raw.p) {
    const [ps, pe] = sourceSpan(block, base + raw.p.start, base + raw.p.end, lines);
    m.p = { op: raw.p.op, value: raw.p.value, text: raw.p.text, decimals: raw.p.decimals, range: lines.range(ps, pe) };
  }
  if (raw.interval) {
    m.interval = { level: raw.interval.level, lo: written(lines, block, base, raw.interval.lo), hi: written(lines, block, base, raw.interval.hi), range: m.range };
  }
  if (raw.effect) m.effect = { measure: raw.effect.measure, value: written(lines, block, base, raw.effect.value), percentagePoints: raw.effect.percentagePoints };
  if (raw.relative) m.relative = true;
  if (raw.nonShare) m.nonShare = true;
  if (raw.marginTest) m.marginTest = true;
  if (raw.role) m.role = raw.role;
  if (adjusted) m.adjusted = true;
  return m;
}
