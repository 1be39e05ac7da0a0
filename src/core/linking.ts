// Binds every numeric mention of the body to its arm, endpoint or adverse event (RULES.md,
// "Linking"). When a mention could belong to two things, it stays unlinked: a wrong link would
// raise a false alarm, and a missing one only loses a check.
import type { LineIndex } from './lines.js';
import { extractMentions, type RawMention, type RawNumber } from './mentions.js';
import { sourceSpan } from './parse.js';
import type { Mention, MentionLink, ProseComparison, Sentence, Table, TextBlock, TrialModel, WrittenNumber } from './types.js';
import { append } from './arrays.js';

export interface Name {
  kind: 'arm' | 'endpoint' | 'ae';
  id: string;
  /** Lower-cased. */
  text: string;
}

interface Hit {
  kind: Name['kind'];
  id: string;
  start: number;
  end: number;
}

function namesOf(model: TrialModel): Name[] {
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

/** Non-overlapping occurrences of the names in `text`, at word boundaries. */
function findNames(text: string, names: Name[]): Hit[] {
  const lower = text.toLowerCase();
  const hits: Hit[] = [];
  for (const n of names) {
    for (let i = lower.indexOf(n.text); i >= 0; i = lower.indexOf(n.text, i + 1)) {
      const end = i + n.text.length;
      const before = lower[i - 1] ?? ' ';
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

const ABBREVIATIONS = /\b(?:vs|e\.g|i\.e|al|approx|fig|no|cf|resp|ca|incl|min|max|sd|iqr|mg|kg|wk|mo|yr|ref|st|dr|mr|ms)$/i;

/** Sentence spans of a block: at . ! ? followed by a space and a capital, digit or bracket. */
function sentenceSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '.' && c !== '!' && c !== '?') continue;
    const rest = text.slice(i + 1, i + 4);
    if (!/^\s+[\p{Lu}\d([“"'‘]/u.test(rest) && i + 1 < text.length) continue;
    const word = text.slice(Math.max(start, i - 8), i);
    if (c === '.' && (ABBREVIATIONS.test(word) || /(?:^|\s)\p{Lu}$/u.test(word))) continue;
    out.push([start, i + 1]);
    start = i + 1;
    while (start < text.length && /\s/.test(text[start]!)) start++;
    i = start - 1;
  }
  if (start < text.length && text.slice(start).trim()) out.push([start, text.length]);
  return out;
}

const CLAUSE_WORDS = /\b(?:and|or|but|whereas|while|compared with|compared to|versus|vs\.?|than|against)\b/giu;

/** Clause boundaries (offsets) in a sentence: ; , and the joining words, outside brackets. */
function clauseBounds(text: string): number[] {
  const depth: number[] = new Array(text.length + 1).fill(0);
  let d = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') d++;
    depth[i] = d;
    if ((c === ')' || c === ']') && d > 0) d--;
  }
  const bounds: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const punct = c === ';' || (c === ',' && !/\d,\d{3}/.test(text.slice(i - 1, i + 4))) || (c === ':' && /\s/.test(text[i + 1] ?? ''));
    if (punct && depth[i] === 0) bounds.push(i);
  }
  CLAUSE_WORDS.lastIndex = 0;
  for (let m = CLAUSE_WORDS.exec(text); m; m = CLAUSE_WORDS.exec(text)) if (depth[m.index] === 0) bounds.push(m.index);
  return bounds.sort((a, b) => a - b);
}

/** How many (sorted) clause bounds lie at or before `pos`: a binary search. */
function clauseOf(bounds: number[], pos: number): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid]! <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const ADJUSTED = /\b(?:adjusted|model-based|modelled|modeled|estimated|weighted|kaplan|cumulative incidence|least[- ]squares|ls mean|imputed|imputation)\b/i;

interface Context {
  model: TrialModel;
  lines: LineIndex;
  names: Name[];
}

/** Converts a raw number at block-text offsets to a written number with its source range. */
function written(ctx: Context, block: TextBlock, base: number, n: RawNumber): WrittenNumber {
  const [s, e] = sourceSpan(block, base + n.start, base + n.end);
  return { value: n.value, text: n.text, decimals: n.decimals, range: ctx.lines.range(s, e) };
}

function toMention(ctx: Context, block: TextBlock, base: number, raw: RawMention, where: Mention['where'], sentence: number, text: string, link: MentionLink, adjusted: boolean): Mention {
  const [s, e] = sourceSpan(block, base + raw.start, base + raw.end);
  const m: Mention = { kind: raw.kind, range: ctx.lines.range(s, e), text: text.slice(raw.start, raw.end), where, sentence, link };
  if (raw.share) m.share = written(ctx, block, base, raw.share);
  if (raw.events) m.events = written(ctx, block, base, raw.events);
  if (raw.total) m.total = written(ctx, block, base, raw.total);
  if (raw.p) {
    const [ps, pe] = sourceSpan(block, base + raw.p.start, base + raw.p.end);
    m.p = { op: raw.p.op, value: raw.p.value, text: raw.p.text, decimals: raw.p.decimals, range: ctx.lines.range(ps, pe) };
  }
  if (raw.interval) {
    m.interval = { level: raw.interval.level, lo: written(ctx, block, base, raw.interval.lo), hi: written(ctx, block, base, raw.interval.hi), range: m.range };
  }
  if (raw.effect) m.effect = { measure: raw.effect.measure, value: written(ctx, block, base, raw.effect.value), percentagePoints: raw.effect.percentagePoints };
  if (raw.relative) m.relative = true;
  if (raw.role) m.role = raw.role;
  if (adjusted) m.adjusted = true;
  return m;
}

function distinct(hits: Hit[], kind: Hit['kind']): string[] {
  return [...new Set(hits.filter((h) => h.kind === kind).map((h) => h.id))];
}

/** RULES.md: own clause; else the only one the sentence names; two in the clause: the one directly after. */
function bind(kind: Hit['kind'], clauseHits: Hit[], sentenceHits: Hit[], start: number, end: number): string | undefined {
  const inClause = distinct(clauseHits, kind);
  if (inClause.length === 1) return inClause[0];
  if (inClause.length > 1) {
    const next = clauseHits.find((h) => h.kind === kind && h.start >= end);
    if (next && next.start - end <= 30) return next.id;
    const prev = [...clauseHits].reverse().find((h) => h.kind === kind && h.end <= start);
    return prev && start - prev.end <= 3 ? prev.id : undefined;
  }
  const inSentence = distinct(sentenceHits, kind);
  return inSentence.length === 1 ? inSentence[0] : undefined;
}

function makeLink(clauseHits: Hit[], sentenceHits: Hit[], start: number, end: number, armOnly = false): MentionLink {
  const link: MentionLink = {};
  const arm = bind('arm', clauseHits, sentenceHits, start, end);
  if (arm) link.armId = arm;
  if (armOnly) return link;
  // Endpoint or adverse event: the clause's own first, then the sentence's; never both.
  const epC = distinct(clauseHits, 'endpoint');
  const aeC = distinct(clauseHits, 'ae');
  const epS = distinct(sentenceHits, 'endpoint');
  const aeS = distinct(sentenceHits, 'ae');
  if (epC.length + aeC.length === 1) {
    if (epC[0]) link.endpointId = epC[0];
    else link.adverseEvent = Number(aeC[0]);
  } else if (epC.length + aeC.length === 0 && epS.length + aeS.length === 1) {
    if (epS[0]) link.endpointId = epS[0];
    else link.adverseEvent = Number(aeS[0]);
  }
  return link;
}

const ALLOCATED_TO = /^\s{0,3}(?:(?:were|was)\s{1,3})?(?:randomly\s{1,3})?(?:allocated|assigned|randomi[sz]ed)(?:\s{1,3}(?:concurrently|equally))?\s{1,3}to\s{1,3}(?:the\s{1,3}|receive\s{1,3})?$/i;

/**
 * A group size such as "152 patients were randomised": an arm's only when the arm directly
 * receives them ("133 patients allocated to tranexamic acid") or is the only arm the sentence
 * names; "152 patients were randomised to placebo or IL-2" describes the trial.
 */
function sampleLink(text: string, raw: RawMention, clauseHits: Hit[], hits: Hit[]): MentionLink {
  if (raw.role === 'trial') return {};
  const next = clauseHits.find((h) => h.kind === 'arm' && h.start >= raw.end);
  if (next && ALLOCATED_TO.test(text.slice(raw.end, next.start))) {
    // "randomised to drug X or placebo": a list of arms, so the number is the trial's.
    const after = hits.find((h) => h.kind === 'arm' && h.start >= next.end && h.id !== next.id);
    const listed = after && /^\s{0,3},?\s{0,3}(?:or|and|,)\s{1,3}(?:to\s{1,3})?(?:the\s{1,3})?$/i.test(text.slice(next.end, after.start));
    return listed ? {} : { armId: next.id };
  }
  const arms = distinct(hits, 'arm');
  return arms.length === 1 ? { armId: arms[0]! } : {};
}

/**
 * "more often on hydroxychloroquine than on placebo (40.1% vs. 16.8%)": two values in a
 * parenthesis that names no arm belong, in order, to the two arms the sentence names.
 */
function pairInParentheses(text: string, raws: RawMention[], links: MentionLink[], hits: Hit[]): void {
  const arms = distinct(hits, 'arm');
  if (arms.length !== 2) return;
  for (let open = text.indexOf('('); open >= 0; open = text.indexOf('(', open + 1)) {
    const close = text.indexOf(')', open);
    if (close < 0) return;
    if (hits.some((h) => h.kind === 'arm' && h.start > open && h.end <= close)) continue;
    const inside = raws.map((r, i) => ({ r, i })).filter(({ r }) => r.start > open && r.end <= close && (r.kind === 'share' || r.kind === 'count'));
    if (inside.length !== 2) continue;
    const between = text.slice(inside[0]!.r.end, inside[1]!.r.start);
    if (!/^\s{0,3}(?:vs\.?|versus|and|,|;|\/)\s{0,3}$/i.test(between)) continue;
    inside.forEach(({ i }, k) => {
      links[i] = { ...links[i], armId: arms[k]! };
    });
  }
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

interface Out extends Linked {
  /** Index in `model.sentences` of this run's first sentence. */
  base: number;
}

/** The names linking looks for (the incremental cache keys its links by them). */
export interface LinkContext {
  model: TrialModel;
  lines: LineIndex;
  names: Name[];
}

export function linkContext(model: TrialModel, lines: LineIndex): LinkContext {
  return { model, lines, names: namesOf(model) };
}

/** Links paragraphs `[from, to)` and tables `[tFrom, tTo)`; the first sentence gets index `sentenceBase`. */
export function linkPart(ctx: LinkContext, from: number, to: number, tFrom: number, tTo: number, sentenceBase: number): LinkPart {
  const out: Out = { sentences: [], mentions: [], proseComparisons: [], base: sentenceBase };
  const c: Context = { model: ctx.model, lines: ctx.lines, names: ctx.names };
  for (let i = from; i < to; i++) {
    const block = ctx.model.paragraphs[i]!;
    if (block.kind !== 'paragraph') continue;
    proseBlock(c, block, i, out);
  }
  const prose = out.mentions;
  out.mentions = [];
  for (let t = tFrom; t < tTo; t++) tableMentions(c, ctx.model.tables[t]!, out);
  return { sentences: out.sentences, prose, tables: out.mentions, proseComparisons: out.proseComparisons };
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

function proseBlock(ctx: Context, block: TextBlock & { section?: string }, blockIndex: number, out: Out): void {
  const hitsAll = findNames(block.text, ctx.names);
  for (const [s, e] of sentenceSpans(block.text)) {
    const text = block.text.slice(s, e);
    const hits = hitsAll.filter((h) => h.start >= s && h.end <= e).map((h) => ({ ...h, start: h.start - s, end: h.end - s }));
    const [ss, se] = sourceSpan(block, s, e);
    const sentenceIndex = out.base + out.sentences.length;
    out.sentences.push({
      text,
      range: ctx.lines.range(ss, se),
      block: blockIndex,
      armIds: distinct(hits, 'arm'),
      endpointIds: distinct(hits, 'endpoint'),
      adverseEvents: distinct(hits, 'ae').map(Number),
      ...(block.section ? { section: block.section } : {}),
    });
    const raws = extractMentions(text, hits.map((h) => [h.start, h.end]));
    if (raws.length === 0) continue;
    const bounds = clauseBounds(text);
    const adjusted = ADJUSTED.test(text);
    const links = raws.map((raw) => {
      const c = clauseOf(bounds, raw.start);
      const clauseHits = hits.filter((h) => clauseOf(bounds, h.start) === c);
      const link = makeLink(clauseHits, hits, raw.start, raw.end, raw.kind === 'sample-size');
      return raw.kind === 'sample-size' && raw.role !== 'group' ? sampleLink(text, raw, clauseHits, hits) : link;
    });
    pairInParentheses(text, raws, links, hits);
    const mentions = raws.map((raw, i) => toMention(ctx, block, s, raw, 'prose', sentenceIndex, text, links[i]!, adjusted));
    append(out.mentions, mentions);
    groupComparisons(mentions, sentenceIndex, out);
  }
}

/**
 * An effect and the interval and p that follow it in the same sentence form one comparison,
 * e.g. "(risk difference 36.8 percentage points, 95% CI 16.2 to 57.4; p = 0.001)".
 */
function groupComparisons(mentions: Mention[], sentence: number, out: Out): void {
  const s = out.sentences[sentence - out.base]!;
  let current: ProseComparison | undefined;
  for (const m of mentions) {
    if (m.kind === 'effect') {
      current = { sentence, effect: m, armIds: s.armIds, ...(s.endpointIds.length === 1 ? { endpointId: s.endpointIds[0]! } : {}) };
      out.proseComparisons.push(current);
    } else if (m.kind === 'interval' && current && !current.interval && !current.p) {
      current.interval = m;
    } else if (m.kind === 'p' && current && !current.p) {
      current.p = m;
    } else if (m.kind === 'p' || m.kind === 'interval') {
      // A p or CI with no effect before it: a comparison of its own, for TR109 and TR112.
      const last = out.proseComparisons[out.proseComparisons.length - 1];
      if (m.kind === 'p' && last && last.sentence === sentence && !last.effect && last.interval && !last.p) last.p = m;
      else {
        current = { sentence, ...(m.kind === 'p' ? { p: m } : { interval: m }), armIds: s.armIds, ...(s.endpointIds.length === 1 ? { endpointId: s.endpointIds[0]! } : {}) };
        out.proseComparisons.push(current);
        current = undefined;
      }
    }
  }
}

const N_HEADER = /^\s*(?:n|no\.?|number|patients|participants|n randomi[sz]ed|randomi[sz]ed)\s*$/i;
const CELL_COUNT_SHARE = /^\s*(\d{1,7})\s{0,3}\(\s{0,3}(\d{1,3}(?:\.\d{1,4})?)\s{0,3}(?:%\s{0,3})?\)\s*$/;
const CELL_NUMBER = /^\s*(\d{1,7}(?:\.\d{1,4})?)\s*(?:%\s*)?$/;

function tableMentions(ctx: Context, table: Table, out: Linked): void {
  const header = table.header.map((cell) => {
    const hits = findNames(cell.text, ctx.names);
    const raws = extractMentions(cell.text, hits.map((h) => [h.start, h.end]));
    const n = raws.find((r) => r.kind === 'sample-size' && r.role === 'group');
    return {
      cell,
      hits,
      arm: distinct(hits, 'arm').length === 1 ? distinct(hits, 'arm')[0] : undefined,
      n: n?.total ? written(ctx, cell, 0, n.total) : undefined,
      nRaw: n,
      percent: /%|per ?cent/i.test(cell.text),
      nColumn: N_HEADER.test(cell.text.replace(/\([^()]*\)/g, '')),
    };
  });
  // A header such as "Placebo (n=38)" declares its column's denominator: check it like n=38.
  header.forEach((h) => {
    if (h.nRaw && h.arm) out.mentions.push(toMention(ctx, h.cell, 0, h.nRaw, 'table', -1, h.cell.text, { armId: h.arm }, false));
  });
  const nCol = header.findIndex((h) => h.nColumn);
  for (const row of table.rows) {
    const first = row[0];
    const rowHits = first ? findNames(first.text, ctx.names) : [];
    const rowArm = distinct(rowHits, 'arm').length === 1 ? distinct(rowHits, 'arm')[0] : undefined;
    const rowPercent = !!first && /%|per ?cent/i.test(first.text);
    const nCell = nCol >= 0 ? row[nCol] : undefined;
    const nMatch = nCell ? /^\s*(\d{1,7})\s*$/.exec(nCell.text) : null;
    const rowN: WrittenNumber | undefined = nCell && nMatch ? written(ctx, nCell, 0, { value: Number(nMatch[1]), text: nMatch[1]!, decimals: 0, start: nMatch.index + nMatch[0].indexOf(nMatch[1]!), end: nMatch.index + nMatch[0].indexOf(nMatch[1]!) + nMatch[1]!.length }) : undefined;
    row.forEach((cell, j) => {
      if (j === 0 && row.length > 1) return;
      const h = header[j];
      const armId = h?.arm ?? rowArm;
      const context = [...rowHits, ...(h?.hits ?? [])];
      const link: MentionLink = {};
      if (armId) link.armId = armId;
      const ep = [...new Set([...distinct(rowHits, 'endpoint'), ...(distinct(rowHits, 'endpoint').length ? [] : distinct(h?.hits ?? [], 'endpoint'))])];
      const ae = [...new Set([...distinct(rowHits, 'ae'), ...(distinct(rowHits, 'ae').length ? [] : distinct(h?.hits ?? [], 'ae'))])];
      if (ep.length + ae.length === 1) {
        if (ep[0]) link.endpointId = ep[0];
        else link.adverseEvent = Number(ae[0]);
      }
      void context;
      const total = h?.n ?? rowN;
      if (j === nCol) {
        if (rowN && rowArm) out.mentions.push({ kind: 'sample-size', range: rowN.range, text: rowN.text, where: 'table', sentence: -1, total: rowN, role: 'group', link: { armId: rowArm } });
        return;
      }
      const percentHint = !!h?.percent || rowPercent;
      const cellHits = findNames(cell.text, ctx.names);
      let raws = extractMentions(cell.text, cellHits.map((x) => [x.start, x.end]));
      if (raws.length === 0 && percentHint) {
        const cs = CELL_COUNT_SHARE.exec(cell.text);
        const cn = CELL_NUMBER.exec(cell.text);
        if (cs) {
          const k = cs[1]!;
          const p = cs[2]!;
          const ks = cs[0].indexOf(k);
          const ps = cs[0].indexOf(p, ks + k.length);
          raws = [{ kind: 'share', start: cs.index, end: cs.index + cs[0].length, events: { value: Number(k), text: k, decimals: 0, start: ks, end: ks + k.length }, share: { value: Number(p), text: p, decimals: (p.split('.')[1] ?? '').length, start: ps, end: ps + p.length } }];
        } else if (cn && /\(%\)|%\s*$|^%|share|percent/i.test((h?.percent ? h.cell.text : first?.text) ?? '')) {
          const v = cn[1]!;
          const vs = cn[0].indexOf(v);
          raws = [{ kind: 'share', start: vs, end: vs + v.length, share: { value: Number(v), text: v, decimals: (v.split('.')[1] ?? '').length, start: vs, end: vs + v.length } }];
        }
      }
      for (const raw of raws) {
        const m = toMention(ctx, cell, 0, raw, 'table', -1, cell.text, link, false);
        if (!m.total && total && (m.kind === 'share' || m.kind === 'count')) {
          m.total = total;
          m.totalFromContext = true;
        }
        out.mentions.push(m);
      }
    });
  }
}
