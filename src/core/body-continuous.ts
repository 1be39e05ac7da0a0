// Reads the body forms of continuous results and of the participant flow (docs/format.md, "Body
// forms"): `mean ± SD`, `mean (SD x)`, `(SE x)`, `median (IQR lo–hi)`, `[range lo–hi]`, and flow
// counts such as "436 were assessed for eligibility", "88 completed the study", "5 discontinued",
// "3 were lost to follow-up". Like mentions.ts, every pattern is linear: bounded gaps and no
// nested quantifiers. What a value belongs to comes from its sentence's arm and outcome names,
// and the rules read these charitably: a value is compared only where the reading is certain.
import type { LineIndex } from './lines.js';
import { decimalsOf } from './numbers.js';
import { sourceSpan, type ParsedDocument } from './parse.js';
import type { Range, Table, TextBlock, TrialModel, WrittenNumber } from './types.js';

const DIGITS = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
/** A signed number: `-` or `−` (U+2212) as its sign, never a dash between two numbers. */
const SNUM = String.raw`(?<![\d.,])[-−]?(?<![\d.,])${DIGITS}`;
const NUM = String.raw`(?<![\d.,])${DIGITS}`;
const TO = String.raw`\s{0,2}(?:–|—|-|to)\s{0,2}`;
const INT = String.raw`(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\d.]|,\d)`;

export type SpreadLabel = 'SD' | 'SE' | 'IQR' | 'range' | 'CI';

/** One `centre (spread)` construction as written. */
export interface BodySummary {
  centre: WrittenNumber;
  label: SpreadLabel;
  /** True when the spread's kind is written (`SD`, `IQR`), false for a bare `±` or a table cell. */
  labelled: boolean;
  /** SD or SE: one value. */
  spread?: WrittenNumber;
  /** IQR, range or CI: two bounds. */
  lo?: WrittenNumber;
  hi?: WrittenNumber;
  range: Range;
  where: 'prose' | 'table';
  /** Arms and outcomes named in the sentence (prose), empty for tables. */
  armIds: string[];
  endpointIds: string[];
  /** The sentence's text, or the row label and header for a table cell. */
  context: string;
}

export type FlowKey = 'assessed' | 'received' | 'discontinued' | 'lost' | 'completed';

/** A participant-flow count written in prose. */
export interface BodyFlowCount {
  key: FlowKey;
  count: WrittenNumber;
  armIds: string[];
}

export interface BodyContinuous {
  summaries: BodySummary[];
  flow: BodyFlowCount[];
}

const PM = new RegExp(String.raw`(${SNUM})\s{0,2}(?:±|\+/-|\+/−)\s{0,2}(${NUM})`, 'gd');
/** A unit between a value and its parenthesis: "9 days (IQR 6–13)", "54 years (range 18–80)". */
const UNIT = String.raw`(?:\s{0,2}[A-Za-z%][A-Za-z/²]{0,11}(?:\s{1,2}[A-Za-z][A-Za-z/²]{0,11})?)?`;
const PAREN_SD = new RegExp(String.raw`(${SNUM})${UNIT}\s{0,2}[([]\s{0,2}(SD|SE|SEM|s\.d\.|standard deviation|standard error)\s{0,2}[,:=]?\s{0,2}(${NUM})\s{0,2}[)\]]`, 'gd');
const PAREN_BOUNDS = new RegExp(String.raw`(${SNUM})${UNIT}\s{0,2}[([]\s{0,2}(IQR|interquartile range|range|95%\s{0,2}CI|CI)\s{0,2}[,:=]?\s{0,2}(${SNUM})${TO}(${SNUM})\s{0,2}[)\]]`, 'gdi');

/** A bare `±` is an SD unless the sentence or table says SE (docs/format.md). */
const SAYS_SE = /\b(?:SE|SEM|standard errors?|s\.e\.(?:m\.)?)\b/;
const SAYS_SD = /\b(?:SD|standard deviations?|s\.d\.)\b/i;

function written(text: string, block: TextBlock, lines: LineIndex, start: number, end: number): WrittenNumber {
  const raw = text.slice(start, end);
  const t = raw.replace(/[−]/g, '-').replace(/,/g, '');
  const [s, e] = sourceSpan(block, start, end, lines);
  return { value: Number(t), text: raw, decimals: decimalsOf(t), range: lines.range(s, e) };
}

function labelOf(word: string): SpreadLabel {
  const w = word.toLowerCase();
  if (w === 'iqr' || w.startsWith('interquartile')) return 'IQR';
  if (w === 'range') return 'range';
  if (w.includes('ci')) return 'CI';
  if (w.startsWith('se') || w.includes('error')) return 'SE';
  return 'SD';
}

/** The summaries of one block of plain text (a paragraph or a table cell). */
function summariesIn(
  text: string,
  block: TextBlock,
  lines: LineIndex,
  where: BodySummary['where'],
  context: (at: number) => { armIds: string[]; endpointIds: string[]; context: string },
  cellLabel?: SpreadLabel,
): BodySummary[] {
  const out: BodySummary[] = [];
  const span = (m: RegExpExecArray, i: number): [number, number] => m.indices![i]!;
  // Each pattern runs only where its label or sign is written (a superset test, far cheaper than
  // the pattern, which tries every digit).
  if (/±|\+\//.test(text)) for (const m of text.matchAll(PM)) {
    const c = context(m.index);
    const [cs, ce] = span(m, 1);
    const [ss, se] = span(m, 2);
    const saysSe = SAYS_SE.test(c.context) && !SAYS_SD.test(c.context);
    out.push({
      centre: written(text, block, lines, cs, ce),
      spread: written(text, block, lines, ss, se),
      label: saysSe || cellLabel === 'SE' ? 'SE' : 'SD',
      labelled: cellLabel !== undefined,
      range: lines.range(...sourceSpan(block, cs, se, lines)),
      where,
      ...c,
    });
  }
  if (/SD|SE|s\.d\.|standard/.test(text)) for (const m of text.matchAll(PAREN_SD)) {
    const [cs, ce] = span(m, 1);
    const [ss, se] = span(m, 3);
    out.push({
      centre: written(text, block, lines, cs, ce),
      spread: written(text, block, lines, ss, se),
      label: labelOf(m[2]!),
      labelled: true,
      range: lines.range(...sourceSpan(block, cs, m.index + m[0].length, lines)),
      where,
      ...context(m.index),
    });
  }
  if (/iqr|interquartile|range|ci(?![a-z])/i.test(text)) for (const m of text.matchAll(PAREN_BOUNDS)) {
    const [cs, ce] = span(m, 1);
    const [ls, le] = span(m, 3);
    const [hs, he] = span(m, 4);
    out.push({
      centre: written(text, block, lines, cs, ce),
      lo: written(text, block, lines, ls, le),
      hi: written(text, block, lines, hs, he),
      label: labelOf(m[2]!),
      labelled: true,
      range: lines.range(...sourceSpan(block, cs, m.index + m[0].length, lines)),
      where,
      ...context(m.index),
    });
  }
  return out;
}

/** A table cell `a (b)` / `a ± b` under "mean (SD)", or `a (b–c)` under "median (IQR)" / "(95% CI)". */
const CELL_ONE = new RegExp(String.raw`^\s{0,2}(${SNUM})\s{0,2}(?:[([]\s{0,2}(${NUM})\s{0,2}[)\]]|(?:±|\+/-)\s{0,2}(${NUM}))\s{0,2}$`, 'd');
const CELL_TWO = new RegExp(String.raw`^\s{0,2}(${SNUM})\s{0,2}[([]\s{0,2}(${SNUM})${TO}(${SNUM})\s{0,2}[)\]]\s{0,2}$`, 'd');

function cellLabel(header: string): SpreadLabel | undefined {
  if (/\bmedian\b[^()]{0,30}\(\s{0,2}(?:IQR|interquartile range)\s{0,2}\)/i.test(header)) return 'IQR';
  if (/\bmedian\b[^()]{0,30}\(\s{0,2}range\s{0,2}\)/i.test(header)) return 'range';
  if (/\(\s{0,2}95%\s{0,2}CI\s{0,2}\)/i.test(header) && /\bmedian\b/i.test(header)) return 'CI';
  if (/\bmean\b[^()]{0,30}(?:\(\s{0,2}SD\s{0,2}\)|±\s{0,2}SD\b)/i.test(header)) return 'SD';
  if (/\bmean\b[^()]{0,30}(?:\(\s{0,2}SE\s{0,2}\)|±\s{0,2}SE\b)/i.test(header)) return 'SE';
  return undefined;
}

function tableSummaries(t: Table, lines: LineIndex): BodySummary[] {
  const out: BodySummary[] = [];
  for (const row of t.rows) {
    const rowLabel = row[0]?.text ?? '';
    row.forEach((cell, i) => {
      if (i === 0) return;
      const header = t.header[i]?.text ?? '';
      const label = cellLabel(rowLabel) ?? cellLabel(header);
      if (!label) return;
      const context = { armIds: [], endpointIds: [], context: `${rowLabel} | ${header}` };
      const two = label === 'IQR' || label === 'range' || label === 'CI';
      const m = (two ? CELL_TWO : CELL_ONE).exec(cell.text);
      if (!m) return;
      const at = (k: number): WrittenNumber | undefined => (m.indices![k] ? written(cell.text, cell, lines, m.indices![k]![0], m.indices![k]![1]) : undefined);
      const centre = at(1)!;
      const range = lines.range(...sourceSpan(cell, m.indices![1]![0], m.indices![0]![1], lines));
      if (two) out.push({ centre, lo: at(2)!, hi: at(3)!, label, labelled: true, range, where: 'table', ...context });
      else out.push({ centre, spread: at(2) ?? at(3)!, label, labelled: true, range, where: 'table', ...context });
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Participant flow in prose.

/** Up to three words between the count and its verb ("patients", "of the participants"). */
const GAP = String.raw`(?:\s{1,3}(?:[a-z][a-z-]{0,20}))?(?:\s{1,3}(?:[a-z][a-z-]{0,20}))?(?:\s{1,3}(?:[a-z][a-z-]{0,20}))?(?:\s{0,3}\(\s{0,2}${DIGITS}\s{0,2}%\s{0,2}\))?`;
const BE = String.raw`(?:\s{1,3}(?:were|was|had been|have been))?`;
const FLOW_VERBS: [FlowKey, RegExp][] = [
  ['assessed', new RegExp(String.raw`(${INT})${GAP}${BE}\s{1,3}(?:assessed|screened)(?:\s{1,3}for\s{1,3}eligibility)?\b`, 'gd')],
  ['received', new RegExp(String.raw`(${INT})${GAP}${BE}\s{1,3}received\s{1,3}(?:the\s{1,3}|their\s{1,3})?(?:allocated|assigned)\s{1,3}(?:intervention|treatment)\b`, 'gd')],
  ['discontinued', new RegExp(String.raw`(${INT})${GAP}${BE}\s{1,3}discontinued\b`, 'gd')],
  ['lost', new RegExp(String.raw`(${INT})${GAP}${BE}\s{1,3}lost\s{1,3}to\s{1,3}follow-?up\b`, 'gd')],
  ['completed', new RegExp(String.raw`(${INT})${GAP}${BE}\s{1,3}completed(?=\s{0,3}[,.;)]|\s{1,3}(?:the\s{1,3})?(?:study|trial|follow-?up)\b|$)`, 'gd')],
];
/** The verb each flow pattern needs, for a cheap test before the pattern runs. */
const FLOW_WORDS: Record<FlowKey, RegExp> = {
  assessed: /assessed|screened/,
  received: /received/,
  discontinued: /discontinued/,
  lost: /lost/,
  completed: /completed/,
};
/** "Of 418 people assessed for eligibility": the count before the participle. */
const OF_ASSESSED = new RegExp(String.raw`\b[Oo]f\s{1,3}(?:the\s{1,3})?(${INT})(?:\s{1,3}[a-z][a-z-]{0,20})?\s{1,3}(?:assessed|screened)\b`, 'gd');
/** Words in the gap that make the count something else: a time, a dose, a subset. */
const GAP_STOP = /\b(?:and|or|of|weeks?|days?|months?|years?|hours?|visits?|cycles?|sessions?|doses?|mg|ml|kg|times|centres|centers|sites|hospitals|clinics|countries|because|also|more|fewer|additional|further|other|only)\b/;
/** A subset named after the verb: "5 discontinued because of adverse events". */
const SUBSET_AFTER = /^[^.;]{0,30}?\b(?:because|due\s{1,3}to|owing\s{1,3}to|as\s{1,3}a\s{1,3}result|for\s{1,3}(?:reasons?|adverse|lack|personal|other))\b/i;
/** Before the count: a time or a label, not a count of people ("at week 12", "visit 3"). */
const BEFORE_STOP = /(?:\b(?:week|day|month|year|visit|cycle|session|dose|phase|grade|stage|level|step|group|arm|part|day|version|n\s{0,2}=)\s{0,2}|[/:=×x]\s{0,2}|[%])$/i;

function flowIn(text: string, block: TextBlock, lines: LineIndex, armIds: (at: number) => string[]): BodyFlowCount[] {
  const out: BodyFlowCount[] = [];
  const seen = new Set<number>();
  const add = (key: FlowKey, m: RegExpExecArray): void => {
    const [s, e] = m.indices![1]!;
    if (seen.has(s)) return;
    const gap = text.slice(e, m.index + m[0].length);
    if (GAP_STOP.test(gap) || BEFORE_STOP.test(text.slice(Math.max(0, s - 12), s))) return;
    if (/^\s{0,2}%/.test(text.slice(e))) return;
    if ((key === 'discontinued' || key === 'lost') && SUBSET_AFTER.test(text.slice(m.index + m[0].length))) return;
    seen.add(s);
    out.push({ key, count: written(text, block, lines, s, e), armIds: armIds(s) });
  };
  // Each pattern tries every digit of the paragraph; its verb, looked up first, is rarer (a
  // re-check reads every paragraph of the body, so this is most of its cost on long reports).
  if (FLOW_WORDS.assessed.test(text)) for (const m of text.matchAll(OF_ASSESSED)) add('assessed', m);
  for (const [key, re] of FLOW_VERBS) if (FLOW_WORDS[key].test(text)) for (const m of text.matchAll(re)) add(key, m);
  return out;
}

/** Every pattern built here, for the catastrophic-backtracking test (test/core/redos.test.ts). */
export const BODY_CONTINUOUS_PATTERNS: readonly RegExp[] = [PM, PAREN_SD, PAREN_BOUNDS, CELL_ONE, CELL_TWO, OF_ASSESSED, ...FLOW_VERBS.map(([, re]) => re)];

const memo = new WeakMap<TrialModel, BodyContinuous>();
/** Per chunk, keyed by the incremental cache's token for it (see `Reuse`). */
const perChunk = new WeakMap<object, BodyContinuous>();

/**
 * Every continuous summary and flow count of the body, read once per model. With the
 * incremental cache, a chunk the edit did not touch is not read again (on a long report this
 * reading was a quarter of a re-check).
 */
export function bodyContinuous(model: TrialModel, doc: ParsedDocument): BodyContinuous {
  const hit = memo.get(model);
  if (hit) return hit;
  const byBlock = new Map<number, typeof model.sentences>();
  for (const s of model.sentences) {
    const list = byBlock.get(s.block);
    if (list) list.push(s);
    else byBlock.set(s.block, [s]);
  }
  const read = (paragraphs: [number, number], tables: [number, number]): BodyContinuous => readBlocks(model, doc.lines, byBlock, paragraphs, tables);
  let out: BodyContinuous;
  if (doc.chunks && doc.reuse) {
    out = { summaries: [], flow: [] };
    for (const [i, span] of doc.chunks.entries()) {
      const token = doc.reuse.chunkToken(i);
      let got = token && perChunk.get(token);
      if (!got) {
        got = read(span.paragraphs, span.tables);
        if (token) perChunk.set(token, got);
      }
      out.summaries.push(...got.summaries);
      out.flow.push(...got.flow);
    }
  } else out = read([0, model.paragraphs.length], [0, model.tables.length]);
  memo.set(model, out);
  return out;
}

/** The summaries and flow counts of the paragraphs and tables in `[from, to)`. */
function readBlocks(
  model: TrialModel,
  lines: LineIndex,
  byBlock: Map<number, TrialModel['sentences']>,
  [p0, p1]: [number, number],
  [t0, t1]: [number, number],
): BodyContinuous {
  const summaries: BodySummary[] = [];
  const flow: BodyFlowCount[] = [];
  for (let i = p0; i < p1; i++) {
    const p = model.paragraphs[i]!;
    if (p.kind !== 'paragraph' || !/\d/.test(p.text)) continue;
    const sentences = byBlock.get(i) ?? [];
    const sentenceAt = (at: number): (typeof sentences)[number] | undefined => {
      const [src] = sourceSpan(p, at, at + 1, lines);
      const pos = lines.position(src);
      return sentences.find((s) => !before(pos, s.range.start) && before(pos, s.range.end));
    };
    summaries.push(
      ...summariesIn(p.text, p, lines, 'prose', (at) => {
        const s = sentenceAt(at);
        return { armIds: s?.armIds ?? [], endpointIds: s?.endpointIds ?? [], context: s?.text ?? p.text };
      }),
    );
    flow.push(...flowIn(p.text, p, lines, (at) => sentenceAt(at)?.armIds ?? []));
  }
  for (let i = t0; i < t1; i++) summaries.push(...tableSummaries(model.tables[i]!, lines));
  return { summaries, flow };
}

const before = (a: { line: number; column: number }, b: { line: number; column: number }): boolean => a.line < b.line || (a.line === b.line && a.column < b.column);
