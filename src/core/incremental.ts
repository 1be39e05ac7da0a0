// The per-document cache behind incremental re-checking. A document is split into top-level
// chunks (chunks.ts); each chunk's parse (paragraphs, headings, tables, comments) is kept by its
// text, and its linked mentions by its text, the section it starts in and the names linking looks
// for (the front matter's arms, endpoints and adverse events). After an edit only the chunk that
// changed is parsed and linked again; the others are reused. A chunk's parse holds no document
// offsets (text blocks count from their first line, the rest from the chunk's start), so one that
// only moved along its lines is reused as it is; one that moved to other lines gets its ranges
// shifted.
// Results are identical to an uncached check (test/core/incremental.test.ts).
//
// One cache per document: it keeps only what the last check used, so its size follows the
// document's, however many edits go through it.
import { chunkStarts } from './chunks.js';
import type { LineIndex } from './lines.js';
import { joinParts, linkContext, linkPart, type Linked, type LinkPart } from './linking.js';
import { extractChunk, type ChunkBlock, type ChunkBlocks, type ChunkSource, type ParsedDocument, type Reuse } from './parse.js';
import type { AnalysisCache, Mention, Position, ProseComparison, Range, Sentence, Table, TextBlock, TrialModel, WrittenNumber } from './types.js';

interface ParsedEntry {
  line: number;
  blocks: ChunkBlocks;
  used: number;
}

interface LinkedEntry {
  line: number;
  block: number;
  sentence: number;
  part: LinkPart;
  used: number;
}

/** Reuses unchanged chunks between checks of one document. Create with `createAnalysisCache()`. */
export class ChunkCache implements AnalysisCache, ChunkSource {
  private tick = 0;
  private readonly parsed = new Map<string, ParsedEntry>();
  private linked = new Map<string, LinkedEntry>();
  private namesKey = '';
  /** Chunks parsed (not reused) by the last check: for tests and the bench. */
  lastParsed = 0;
  lastLinked = 0;

  chunks(text: string, lines: LineIndex): { start: number; end: number; blocks: ChunkBlocks }[] {
    const tick = ++this.tick;
    this.lastParsed = 0;
    // A new check: no chunk has a token until this check's linking gives it one (link() may not run).
    this.parts = [];
    const starts = chunkStarts(text);
    const out: { start: number; end: number; blocks: ChunkBlocks }[] = [];
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i]!;
      const end = starts[i + 1] ?? text.length;
      const key = end === text.length ? `${text.slice(start, end)}\u0000` : text.slice(start, end);
      const line = start === 0 ? 1 : lines.position(start).line;
      const hit = this.parsed.get(key);
      let blocks: ChunkBlocks;
      if (!hit) {
        blocks = extractChunk(text, lines, start, end).blocks;
        this.lastParsed++;
        this.parsed.set(key, { line, blocks, used: tick });
      } else if (hit.line === line) {
        blocks = hit.blocks;
        hit.used = tick;
      } else {
        blocks = shiftBlocks(hit.blocks, line - hit.line);
        // The same text twice in one document: keep the first one's entry as it is.
        if (hit.used !== tick) Object.assign(hit, { line, blocks, used: tick });
      }
      out.push({ start, end, blocks });
    }
    for (const [k, e] of this.parsed) if (e.used !== tick) this.parsed.delete(k);
    return out;
  }

  private memoKey: string | undefined;
  private memoValue: unknown;

  /** The last value `make` gave for `key` (one entry: the front matter's parse). */
  memo<T>(key: string, make: () => T): T {
    if (this.memoKey !== key) {
      this.memoValue = make();
      this.memoKey = key;
    }
    return this.memoValue as T;
  }

  /** The last check's linked parts, one per chunk: reused ones are the same objects. */
  private parts: LinkPart[] = [];

  /** A chunk's linked part is its token: reused as is only when text, position and names are. */
  readonly reuse: Reuse = { chunkToken: (i) => this.parts[i] };

  /** `linkMentions` for a document parsed through this cache, chunk by chunk. */
  link(model: TrialModel, doc: ParsedDocument): Linked {
    const ctx = linkContext(model, doc.lines);
    // Linking reads the names and the endpoints' labels (their time points): either changes all links.
    const key = JSON.stringify([ctx.names, [...ctx.endpointLabels]]);
    if (key !== this.namesKey) {
      this.linked = new Map();
      this.namesKey = key;
    }
    const tick = this.tick;
    this.lastLinked = 0;
    const spans = doc.chunks ?? [];
    const parts: LinkPart[] = [];
    let sentence = 0;
    for (const span of spans) {
      const end = span.end;
      const key = `${span.section ?? ''}\u0001${end === doc.text.length ? `${doc.text.slice(span.start, end)}\u0000` : doc.text.slice(span.start, end)}`;
      const line = span.start === 0 ? 1 : doc.lines.position(span.start).line;
      const block = span.paragraphs[0];
      const hit = this.linked.get(key);
      let part: LinkPart;
      if (!hit) {
        part = linkPart(ctx, span.paragraphs[0], span.paragraphs[1], span.tables[0], span.tables[1], sentence);
        this.lastLinked++;
        this.linked.set(key, { line, block, sentence, part, used: tick });
      } else if (hit.line === line && hit.block === block && hit.sentence === sentence) {
        part = hit.part;
        hit.used = tick;
      } else {
        part = shiftPart(hit.part, line - hit.line, block - hit.block, sentence - hit.sentence);
        if (hit.used !== tick) Object.assign(hit, { line, block, sentence, part, used: tick });
      }
      sentence += part.sentences.length;
      parts.push(part);
    }
    for (const [k, e] of this.linked) if (e.used !== tick) this.linked.delete(k);
    this.parts = parts;
    return parts.length ? joinParts(parts) : { sentences: [], mentions: [], proseComparisons: [] };
  }
}

export function createAnalysisCache(): AnalysisCache {
  return new ChunkCache();
}

/** The cache behind a handle `createAnalysisCache()` made; anything else is a programmer's error. */
export function chunkCacheOf(cache: AnalysisCache): ChunkCache {
  if (cache instanceof ChunkCache) return cache;
  throw new TypeError('options.cache must be a cache made by createAnalysisCache()');
}

function shiftPos(p: Position, dLine: number): Position {
  return { line: p.line + dLine, column: p.column };
}

function shiftRange(r: Range, dLine: number): Range {
  return dLine === 0 ? r : { start: shiftPos(r.start, dLine), end: shiftPos(r.end, dLine) };
}

/** Segments count from the block's first line, so they are shared: only the range moves. */
function shiftText(b: TextBlock, dLine: number): TextBlock {
  return { text: b.text, range: shiftRange(b.range, dLine), segments: b.segments };
}

function shiftTable(t: Table, dLine: number): Table {
  return {
    header: t.header.map((c) => shiftText(c, dLine)),
    rows: t.rows.map((r) => r.map((c) => shiftText(c, dLine))),
    range: shiftRange(t.range, dLine),
  };
}

/** A chunk's blocks moved by `dLine` lines; its tree, comments and front matter count from its start. */
function shiftBlocks(b: ChunkBlocks, dLine: number): ChunkBlocks {
  const blocks: ChunkBlock[] = b.blocks.map((x) =>
    x.kind === 'heading'
      ? { kind: 'heading', depth: x.depth, block: shiftText(x.block, dLine) }
      : x.kind === 'paragraph'
        ? { kind: 'paragraph', block: shiftText(x.block, dLine) }
        : { kind: 'table', table: shiftTable(x.table, dLine) },
  );
  return { tree: b.tree, ...(b.yaml ? { yaml: b.yaml } : {}), blocks, comments: b.comments };
}

/** A copy of a chunk's linked mentions moved by `dLine` lines, its sentences and blocks renumbered. */
function shiftPart(p: LinkPart, dLine: number, dBlock: number, dSentence: number): LinkPart {
  const ranges = new Map<Range, Range>();
  const R = (r: Range): Range => {
    let x = ranges.get(r);
    if (!x) ranges.set(r, (x = shiftRange(r, dLine)));
    return x;
  };
  const numbers = new Map<WrittenNumber, WrittenNumber>();
  const W = (w: WrittenNumber): WrittenNumber => {
    let x = numbers.get(w);
    if (!x) numbers.set(w, (x = { ...w, range: R(w.range) }));
    return x;
  };
  const mentions = new Map<Mention, Mention>();
  const M = (m: Mention): Mention => {
    let x = mentions.get(m);
    if (x) return x;
    x = { ...m, range: R(m.range) };
    if (m.sentence >= 0) x.sentence = m.sentence + dSentence;
    if (m.share) x.share = W(m.share);
    if (m.events) x.events = W(m.events);
    if (m.total) x.total = W(m.total);
    if (m.p) x.p = { ...m.p, range: R(m.p.range) };
    if (m.interval) x.interval = { ...m.interval, lo: W(m.interval.lo), hi: W(m.interval.hi), range: R(m.interval.range) };
    if (m.effect) x.effect = { ...m.effect, value: W(m.effect.value) };
    mentions.set(m, x);
    return x;
  };
  const sentences: Sentence[] = p.sentences.map((s) => ({ ...s, range: R(s.range), block: s.block + dBlock }));
  const prose = p.prose.map(M);
  const tables = p.tables.map(M);
  const proseComparisons: ProseComparison[] = p.proseComparisons.map((c) => {
    // A table's comparison has no sentence (-1) to shift.
    const x: ProseComparison = { ...c, sentence: c.sentence >= 0 ? c.sentence + dSentence : c.sentence };
    if (c.effect) x.effect = M(c.effect);
    if (c.interval) x.interval = M(c.interval);
    if (c.p) x.p = M(c.p);
    return x;
  });
  return { sentences, prose, tables, proseComparisons };
}
