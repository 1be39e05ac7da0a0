import { chunkStarts } from './chunks.js';
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import type { Root, RootContent, PhrasingContent, Table as MdTable, TableCell as MdTableCell, TableRow as MdTableRow, AlignType, Html } from 'mdast';
import type { Point, Position as UnistPosition } from 'unist';
import { LineIndex } from './lines.js';
import { tame } from './tame.js';
import type { Heading, Paragraph, Position, Section, Table, TableCell, TextBlock, TextSegment } from './types.js';

/**
 * Tables are the only GFM construct the checks read. Parsing full GFM costs about 70% more
 * (autolinks, footnotes, strikethrough), so only the table extension is loaded.
 */
function tablesOnly(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

/** The full parse (front matter + GFM tables): what `doc.tree` holds, and the safe fallback. */
const fullProcessor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(tablesOnly);
/**
 * The parse the checks run: CommonMark and front matter, no table extension (about twice as
 * fast). Pipe tables are recognised afterwards from the source lines of top-level paragraphs
 * (`fastTable`); anything that is or might be a table in another shape makes the chunk fall back
 * to the full parse, so the result is always the one the full parse gives.
 */
const fastProcessor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);
/**
 * The fast parse of what follows the front matter. Without the front-matter extension: a `---`
 * block there is no front matter (it is not on line 1), as in the whole document.
 */
const bodyProcessor = unified().use(remarkParse);

let markdownParses = 0;

/** Every Markdown parse goes through here, so tests can count them (one parse per check). */
function parseWith(processor: Processor<Root>, src: string): Root {
  markdownParses++;
  return processor.parse(src);
}

/**
 * How many times micromark has parsed Markdown in this process: a counter for tests and the
 * bench, which assert that a preview update parses nothing beyond what its check parsed.
 */
export function markdownParseCount(): number {
  return markdownParses;
}

export interface ParsedYamlBlock {
  /** YAML text between the fences. */
  text: string;
  /** 0-based offset of `text` in the document. */
  offset: number;
  start: number;
  end: number;
}

export interface HtmlComment {
  /** Comment text without `<!--` and `-->`. */
  body: string;
  start: number;
  end: number;
}

/**
 * A piece of the document's Markdown as the check parsed it. Positions in `root` count from
 * `offset`: a node at `position.start.offset` o was written at document offset `offset + o`.
 * Lines and columns are the piece's own; the document's come from `lines.position(offset + o)`.
 */
export interface BodyTree {
  root: Root;
  offset: number;
}

export interface ParsedDocument {
  text: string;
  lines: LineIndex;
  /**
   * The Markdown as the check parsed it, GFM tables included, for renderers: one mdast root per
   * chunk (with the incremental cache) or run of chunks (without; one root for a short document) in
   * document order, so nothing needs parsing twice. The
   * roots are shared with the incremental cache, which reuses them for unchanged chunks: read
   * them, never change them. The front matter may appear as a `yaml` node.
   */
  bodyTrees: BodyTree[];
  /**
   * The whole document's mdast from a parse of its own (GFM tables included), computed on first
   * read; neither the checks nor the renderer read it (`bodyTrees` is the same parse, in pieces).
   */
  tree: Root;
  yaml?: ParsedYamlBlock;
  headings: Heading[];
  sections: Section[];
  tables: Table[];
  paragraphs: Paragraph[];
  comments: HtmlComment[];
  /** How the document was split for incremental parsing (with a cache only). */
  chunks?: ChunkSpan[];
  /** The incremental cache's store for derived values (with a cache only; not enumerable). */
  readonly reuse?: Reuse;
}

/**
 * One top-level block of a chunk; sections are assigned on assembly. Nothing here holds a document
 * offset (text blocks count from their first line), so a chunk that moved along its lines (an
 * edit earlier on one of them, or on a line of another chunk) is reused as it is.
 */
export type ChunkBlock =
  | { kind: 'heading'; depth: number; block: TextBlock }
  | { kind: 'paragraph'; block: TextBlock }
  | { kind: 'table'; table: Table };

/**
 * What one chunk contributes to the document. Offsets here (`tree.offset`, `yaml`, `comments`)
 * count from the chunk's start; assembly adds where the chunk now is.
 */
export interface ChunkBlocks {
  /** The chunk's mdast (front matter aside), its fast tables made table nodes: see `bodyTrees`. */
  tree: BodyTree;
  yaml?: ParsedYamlBlock;
  blocks: ChunkBlock[];
  comments: HtmlComment[];
}

/** Where a chunk's blocks landed in the assembled document. */
export interface ChunkSpan {
  start: number;
  end: number;
  /** `[from, to)` indices into `paragraphs` and `tables`. */
  paragraphs: [number, number];
  tables: [number, number];
  /** The section the chunk starts in. */
  section: string | undefined;
}

/** Supplies the chunks of a document (the incremental cache does, reusing unchanged ones). */
export interface ChunkSource {
  chunks(text: string, lines: LineIndex): { start: number; end: number; blocks: ChunkBlocks }[];
  /** Where values derived from unchanged text are kept between checks (the incremental cache). */
  readonly reuse?: Reuse;
}

/**
 * The incremental cache's identity of a chunk, for values derived from it: `chunkToken(i)` is
 * the same object in two checks exactly when chunk i (`chunks[i]`) has the same text, section,
 * position and links in both, so a WeakMap keyed by it holds each chunk's value as long as the
 * cache keeps the chunk, and no longer.
 */
export interface Reuse {
  chunkToken(i: number): object | undefined;
}

/**
 * How much text one micromark parse takes in a check without a cache. micromark's time grows
 * faster than the text (its event lists are spliced as they grow: a 10,000-line report took
 * three times as long in one parse as in runs), so a long document is parsed as runs of whole
 * chunks (chunks.ts: pieces that parse alone as they do in the whole) of at least this size; each
 * parse has a fixed cost too, so a run is not a single chunk. Measured on the bench reports:
 * runs of 4–8 KB were fastest at 1,000 and 10,000 lines.
 */
const GROUP_CHARS = 4096;

/** `[start, end)` runs of consecutive chunks of at least GROUP_CHARS (the last may be shorter). */
function chunkGroups(text: string): [number, number][] {
  if (text.length < 2 * GROUP_CHARS) return [[0, text.length]];
  const starts = chunkStarts(text);
  const out: [number, number][] = [];
  let from = 0;
  for (const s of starts) {
    if (s - from >= GROUP_CHARS) {
      out.push([from, s]);
      from = s;
    }
  }
  out.push([from, text.length]);
  return out;
}

export function parseMarkdown(text: string, source?: ChunkSource): ParsedDocument {
  const lines = new LineIndex(text);
  let tree: Root | undefined;
  let parts: { start: number; end: number; blocks: ChunkBlocks }[];
  if (source) parts = source.chunks(text, lines);
  else {
    const groups = chunkGroups(text);
    if (groups.length === 1) {
      const one = extractChunk(text, lines, 0, text.length);
      tree = one.tree;
      parts = [{ start: 0, end: text.length, blocks: one.blocks }];
    } else parts = groups.map(([start, end]) => ({ start, end, blocks: extractChunk(text, lines, start, end).blocks }));
  }
  const doc = assemble(text, lines, parts, !!source);
  // Not enumerable: a cached and an uncached parse of one text stay deep-equal.
  if (source?.reuse) Object.defineProperty(doc, 'reuse', { configurable: true, enumerable: false, value: source.reuse });
  Object.defineProperty(doc, 'tree', {
    configurable: true,
    enumerable: false,
    get: () => (tree ??= parseFull(text)),
  });
  return doc;
}

/**
 * The reference extraction: the full parse (GFM tables), no fast path, no chunks. The fast path
 * must always give the same document (test/core/incremental.test.ts).
 */
export function parseMarkdownFull(text: string): ParsedDocument {
  const lines = new LineIndex(text);
  const tree = parseFull(text);
  // One body tree at offset 0: parseFull's positions are already the document's.
  const doc = assemble(text, lines, [{ start: 0, end: text.length, blocks: visitChunk(tree, text, lines, 0, false) }], false);
  Object.defineProperty(doc, 'tree', { configurable: true, enumerable: false, value: tree });
  return doc;
}

function assemble(text: string, lines: LineIndex, parts: { start: number; end: number; blocks: ChunkBlocks }[], withSpans: boolean): ParsedDocument {
  const bodyTrees = parts.map((p): BodyTree => ({ root: p.blocks.tree.root, offset: p.start + p.blocks.tree.offset }));
  const doc = { text, lines, bodyTrees, headings: [], sections: [], tables: [], paragraphs: [], comments: [] } as unknown as ParsedDocument;
  if (withSpans) doc.chunks = [];
  const docEnd = lines.position(text.length);
  let section: Section | undefined;
  const closeSection = (end: Position): void => {
    if (section) section.bodyRange = { start: section.bodyRange.start, end };
  };
  for (const part of parts) {
    const span: ChunkSpan | undefined = withSpans
      ? { start: part.start, end: part.end, paragraphs: [doc.paragraphs.length, 0], tables: [doc.tables.length, 0], section: section?.title }
      : undefined;
    const b = part.blocks as ChunkBlocks & { memo?: Assembled };
    const at = part.start;
    if (b.yaml) doc.yaml = at === 0 ? b.yaml : { text: b.yaml.text, offset: at + b.yaml.offset, start: at + b.yaml.start, end: at + b.yaml.end };
    for (const c of b.comments) doc.comments.push({ body: c.body, start: at + c.start, end: at + c.end });
    // An unchanged chunk in an unchanged section: its objects from the last check will do.
    const memo = b.memo && b.memo.section === section?.title ? b.memo : undefined;
    const made: Assembled = memo ?? { section: section?.title, headings: [], paragraphs: [], tables: [] };
    for (const item of b.blocks) {
      if (item.kind === 'heading') {
        const block = item.block;
        const title = block.text.trim();
        if (!memo) made.headings.push({ depth: item.depth, text: title, range: block.range });
        if (item.depth <= 2) {
          closeSection(block.range.start);
          section = undefined;
        }
        if (item.depth === 2) {
          section = { title, range: block.range, bodyRange: { start: block.range.start, end: docEnd } };
          doc.sections.push(section);
        }
        if (!memo) made.paragraphs.push({ ...block, kind: 'heading', ...(section ? { section: section.title } : {}) });
      } else if (memo) {
        continue;
      } else if (item.kind === 'paragraph') {
        made.paragraphs.push({ ...item.block, kind: 'paragraph', ...(section ? { section: section.title } : {}) });
      } else {
        made.tables.push(section ? { ...item.table, section: section.title } : item.table);
      }
    }
    if (!memo) b.memo = made;
    for (const h of made.headings) doc.headings.push(h);
    for (const p of made.paragraphs) doc.paragraphs.push(p);
    for (const t of made.tables) doc.tables.push(t);
    if (span) {
      span.paragraphs[1] = doc.paragraphs.length;
      span.tables[1] = doc.tables.length;
      doc.chunks!.push(span);
    }
  }
  closeSection(docEnd);
  return doc;
}

/** A chunk's headings, paragraphs and tables as assembled for the section it starts in. */
interface Assembled {
  section: string | undefined;
  headings: Heading[];
  paragraphs: Paragraph[];
  tables: Table[];
}

class Fallback extends Error {}

/** Block and inline nesting beyond this depth is not read. */
const MAX_NESTING = 100;

/**
 * The full (GFM tables) mdast of a document, its positions in the document's own offsets: after
 * a byte-order mark, which micromark drops, every offset and first-line column moves by one.
 */
function parseFull(text: string): Root {
  if (text.charCodeAt(0) !== 0xfeff) return parseWith(fullProcessor, tame(text));
  const tree = parseWith(fullProcessor, tame(text.slice(1)));
  const shift = (p: { line: number; column: number; offset?: number | undefined }): void => {
    if (p.offset !== undefined) p.offset += 1;
    if (p.line === 1) p.column += 1;
  };
  type Pos = { line: number; column: number; offset?: number | undefined };
  type Node = { position?: { start: Pos; end: Pos } | undefined; children?: unknown[] | undefined };
  const stack: Node[] = [tree as unknown as Node];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.position) {
      shift(node.position.start);
      shift(node.position.end);
    }
    if (Array.isArray(node.children)) for (const c of node.children) stack.push(c as Node);
  }
  return tree;
}

/**
 * Parses `text[start, end)` on its own and lists its blocks in document offsets. `tree` is set
 * when the full parser had to run on the whole document (so `doc.tree` can reuse it).
 */
export function extractChunk(text: string, lines: LineIndex, start: number, end: number): { blocks: ChunkBlocks; tree?: Root } {
  let src = start === 0 && end === text.length ? text : text.slice(start, end);
  // micromark drops a byte-order mark, so its offsets would be one short: parse after it.
  const bom = src.charCodeAt(0) === 0xfeff;
  if (bom) src = src.slice(1);
  const at = bom ? start + 1 : start;
  // Same-length rewrite of pathological nesting (tame.ts): offsets still index `text`.
  const parsed = tame(src);
  try {
    // Front matter is read here rather than by micromark, which spends a third of a short
    // report's parse on it; the body after it is parsed alone, as chunks are.
    const fm = start === 0 ? frontMatterAt(parsed) : undefined;
    if (!fm) return { blocks: fromChunkStart(visitChunk(parseWith(fastProcessor, parsed), text, lines, at, true), start) };
    const blocks = visitChunk(parseWith(bodyProcessor, parsed.slice(fm.body)), text, lines, at + fm.body, true);
    // As the `yaml` node would give it (see visitChunk).
    const nl = text.indexOf('\n', at);
    blocks.yaml = { text: fm.value, offset: nl < 0 ? at + fm.end : nl + 1, start: at, end: at + fm.end };
    return { blocks: fromChunkStart(blocks, start) };
  } catch (e) {
    if (!(e instanceof Fallback)) throw e;
    const tree = parseWith(fullProcessor, parsed);
    return { blocks: fromChunkStart(visitChunk(tree, text, lines, at, false), start), ...(!bom && src === text ? { tree } : {}) };
  }
}

/** A chunk's document offsets made to count from its start `start` (see ChunkBlocks). */
function fromChunkStart(b: ChunkBlocks, start: number): ChunkBlocks {
  if (start === 0) return b;
  b.tree.offset -= start;
  if (b.yaml) b.yaml = { text: b.yaml.text, offset: b.yaml.offset - start, start: b.yaml.start - start, end: b.yaml.end - start };
  for (const c of b.comments) {
    c.start -= start;
    c.end -= start;
  }
  return b;
}

const FENCE = /^---[ \t]*$/;

/**
 * The front matter micromark-extension-frontmatter finds at the start of `src`: a `---` line, then
 * lines up to the next `---` line (trailing spaces or tabs allowed on both). `value` is the yaml
 * node's value (the lines between, without the line breaks next to the fences), `end` the closing
 * fence's end, `body` where the next line starts. Undefined when there is none, or when a NUL
 * (which micromark turns into U+FFFD) leaves it to micromark.
 */
function frontMatterAt(src: string): { value: string; end: number; body: number } | undefined {
  if (!src.startsWith('---')) return undefined;
  const lineEnd = (from: number): number => {
    let i = from;
    while (i < src.length && src.charCodeAt(i) !== 10 && src.charCodeAt(i) !== 13) i++;
    return i;
  };
  const next = (nl: number): number => (src.charCodeAt(nl) === 13 && src.charCodeAt(nl + 1) === 10 ? nl + 2 : nl + 1);
  let nl = lineEnd(0);
  if (nl === src.length || !FENCE.test(src.slice(0, nl))) return undefined;
  const first = next(nl);
  for (let pos = first, prevNl = nl; pos < src.length; prevNl = nl, pos = next(nl)) {
    nl = lineEnd(pos);
    if (!FENCE.test(src.slice(pos, nl))) continue;
    const value = prevNl < first ? '' : src.slice(first, prevNl);
    if (value.includes('\0')) return undefined;
    return { value, end: nl, body: nl < src.length ? next(nl) : nl };
  }
  return undefined;
}

/** A line that may be a GFM table's delimiter row: only `|`, `:`, `-` and spaces, with a `-` and a `|` or `:`. */
const DELIMITER_ISH = /^[ \t]*[|:-][ \t|:-]*$/;
function delimiterIsh(line: string): boolean {
  return DELIMITER_ISH.test(line) && line.includes('-') && (line.includes('|') || line.includes(':'));
}
/** The delimiter row the fast path accepts: pipes at both ends, `---`, `:--`, `--:`, `:-:` cells. */
const DELIMITER_ROW = /^ {0,3}\|(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*$/;
/** A container prefix (block quote, list item) before a nested paragraph line. */
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*/;

function visitChunk(root: Root, text: string, lines: LineIndex, base: number, fast: boolean): ChunkBlocks {
  const out: ChunkBlocks = { tree: { root, offset: base }, blocks: [], comments: [] };
  const span = (n: { position?: UnistPosition | undefined }): [number, number] => {
    const s = base + (n.position?.start.offset ?? 0);
    return [s, base + (n.position?.end.offset ?? n.position?.start.offset ?? 0)];
  };
  /** Fast parse only: a paragraph or setext heading that may hold a table the full parse would see. */
  const mayHideTable = (s: number, e: number, nested: boolean): boolean => {
    const from = text.lastIndexOf('\n', s - 1) + 1;
    const body = text.slice(from, e);
    if (!body.includes('-') || !(body.includes('|') || body.includes(':'))) return false;
    for (const line of body.split(/\r\n|\r|\n/)) if (delimiterIsh(nested ? line.replace(CONTAINER_PREFIX, '') : line)) return true;
    return false;
  };
  const visitInlineHtml = (nodes: PhrasingContent[], depth = 0): void => {
    if (depth > MAX_NESTING) return;
    for (const n of nodes) {
      if (n.type === 'html') collectComments(n, out.comments, base);
      else if ('children' in n) visitInlineHtml(n.children as PhrasingContent[], depth + 1);
    }
  };
  const visit = (nodes: RootContent[], nested: boolean, depth = 0): void => {
    // Content nested deeper than any report needs is not read (no stack overflow on ">" × 5,000).
    if (depth > MAX_NESTING) return;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const [start, end] = span(node);
      switch (node.type) {
        case 'yaml': {
          // The YAML text starts after the opening fence's line break.
          const nl = text.indexOf('\n', start);
          const offset = nl < 0 ? end : nl + 1;
          out.yaml = { text: node.value, offset, start, end };
          break;
        }
        case 'heading': {
          if (fast && mayHideTable(start, end, nested)) throw new Fallback();
          out.blocks.push({ kind: 'heading', depth: node.depth, block: textBlock(node.children, lines, start, end, base) });
          break;
        }
        case 'paragraph': {
          if (fast && mayHideTable(start, end, nested)) {
            const fast = nested ? undefined : fastTable(node.children, text, lines, start, end, base);
            if (!fast) throw new Fallback();
            out.blocks.push({ kind: 'table', table: fast.table });
            // The tree renderers read gets the table the full parse would have made.
            nodes[i] = fast.node;
            break;
          }
          out.blocks.push({ kind: 'paragraph', block: textBlock(node.children, lines, start, end, base) });
          visitInlineHtml(node.children);
          break;
        }
        case 'table':
          out.blocks.push({ kind: 'table', table: tableOf(node, lines, base) });
          break;
        case 'html':
          collectComments(node, out.comments, base);
          break;
        case 'list':
        case 'listItem':
        case 'blockquote':
          visit(node.children as RootContent[], true, depth + 1);
          break;
        default:
          break;
      }
    }
  };
  visit(root.children, false);
  return out;
}

/** A run of a paragraph's text that lies in one table cell, already in document offsets. */
interface Sliced {
  type: 'text';
  value: string;
  sliced: true;
  src: number;
}

/**
 * The GFM table a top-level paragraph spells, read from its source lines: a header row, a
 * delimiter row (`| --- | :-: |`) and body rows, each starting with `|`, split at unescaped pipes.
 * Each cell's text comes from the paragraph's own inline parse. Undefined (fall back to the full
 * parse) for any shape or inline construct where that could differ from parsing the cell alone.
 * Also gives the mdast table node the full parse would have made, for `bodyTrees`.
 */
function fastTable(children: PhrasingContent[], text: string, lines: LineIndex, start: number, end: number, base: number): { table: Table; node: MdTable } | undefined {
  // Source lines of the paragraph (a top-level paragraph starts at most 3 spaces in).
  const rowsAt: [number, number][] = [];
  for (let s = text.lastIndexOf('\n', start - 1) + 1; s < end; ) {
    let e = s;
    while (e < end && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
    rowsAt.push([s, e]);
    s = text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10 ? e + 2 : e + 1;
  }
  if (rowsAt.length < 2) return undefined;
  const lineText = (i: number): string => text.slice(rowsAt[i]![0], rowsAt[i]![1]);
  if (!DELIMITER_ROW.test(lineText(1))) return undefined;
  for (let i = 0; i < rowsAt.length; i++) {
    const t = lineText(i);
    if (i !== 1 && (delimiterIsh(t) || !/^ {0,3}\|/.test(t))) return undefined;
  }
  // Every inline node other than plain text must sit inside one cell; text runs must be their
  // source verbatim (no escapes, entities or stripped indentation) so they can be sliced.
  for (const n of children) {
    if (n.type !== 'text') continue;
    const s = base + (n.position?.start.offset ?? 0);
    const e = base + (n.position?.end.offset ?? 0);
    if (text.slice(s, e) !== n.value) return undefined;
  }
  const cellsOf = (i: number): { cell: [number, number]; content: [number, number] }[] | undefined => {
    const [ls, le] = rowsAt[i]!;
    let rs = ls;
    while (text.charCodeAt(rs) === 32) rs++;
    let re = le;
    while (re > rs && (text.charCodeAt(re - 1) === 32 || text.charCodeAt(re - 1) === 9)) re--;
    const pipes: number[] = [];
    for (let k = rs; k < re; k++) {
      const c = text.charCodeAt(k);
      if (c === 92 && (text.charCodeAt(k + 1) === 92 || text.charCodeAt(k + 1) === 124)) k++;
      else if (c === 124) pipes.push(k);
    }
    const cells: { cell: [number, number]; content: [number, number] }[] = [];
    for (let p = 0; p < pipes.length; p++) {
      const from = pipes[p]! + 1;
      const to = p + 1 < pipes.length ? pipes[p + 1]! : re;
      if (p === pipes.length - 1 && from >= re) break; // the closing pipe
      let cs = from;
      let ce = to;
      while (cs < ce && (text.charCodeAt(cs) === 32 || text.charCodeAt(cs) === 9)) cs++;
      while (ce > cs && (text.charCodeAt(ce - 1) === 32 || text.charCodeAt(ce - 1) === 9)) ce--;
      // An empty cell: leave its exact shape to the full parser.
      if (cs === ce) return undefined;
      const last = p === pipes.length - 1 || (p === pipes.length - 2 && pipes[p + 1] === re - 1);
      // The last cell runs to the end of the line, trailing whitespace included.
      cells.push({ cell: [pipes[p]!, last ? le : to], content: [cs, ce] });
      if (last) break;
    }
    return cells;
  };
  const header = cellsOf(0);
  const delimiter = cellsOf(1);
  if (!header || !delimiter || header.length !== delimiter.length) return undefined;
  const rows: TableCell[][] = [];
  const mdRows: MdTableRow[] = [];
  // Points of the chunk's tree (offsets from `base`, lines and columns of the text parsed there).
  const origin = lines.position(base);
  const point = (at: number): Point => {
    const p = lines.position(at);
    return { line: p.line - origin.line + 1, column: p.line === origin.line ? p.column - origin.column + 1 : p.column, offset: at - base };
  };
  const position = (s: number, e: number): UnistPosition => ({ start: point(s), end: point(e) });
  const nodes = children.map((n) => ({ n, s: base + (n.position?.start.offset ?? 0), e: base + (n.position?.end.offset ?? 0) }));
  let inCells = 0;
  for (let i = 0; i < rowsAt.length; i++) {
    if (i === 1) continue;
    const cells = i === 0 ? header : cellsOf(i);
    if (!cells || cells.length === 0) return undefined;
    const row: TableCell[] = [];
    const mdCells: MdTableCell[] = [];
    for (const { cell, content } of cells) {
      const [cs, ce] = content;
      const parts: PhrasingContent[] = [];
      const mdParts: PhrasingContent[] = [];
      for (const { n, s, e } of nodes) {
        if (e <= cs || s >= ce) continue;
        if (n.type === 'text') {
          const a = Math.max(s, cs);
          const b = Math.min(e, ce);
          parts.push({ type: 'text', value: text.slice(a, b), sliced: true, src: a } as Sliced as unknown as PhrasingContent);
          mdParts.push({ type: 'text', value: text.slice(a, b), position: position(a, b) });
        } else if (s >= cs && e <= ce && n.type !== 'break') {
          parts.push(n);
          mdParts.push(n);
          inCells++;
        } else return undefined;
      }
      row.push(textBlock(parts, lines, cell[0], cell[1], base));
      mdCells.push({ type: 'tableCell', children: mdParts, position: position(cell[0], cell[1]) });
    }
    rows.push(row);
    const [rs, re] = rowsAt[i]!;
    mdRows.push({ type: 'tableRow', children: mdCells, position: position(rs, re) });
  }
  // A construct outside every cell (a hard break, say) is something the cell parse would not see.
  if (inCells !== nodes.filter(({ n }) => n.type !== 'text').length) return undefined;
  const first = rowsAt[0]!;
  let ts = first[0];
  while (text.charCodeAt(ts) === 32) ts++;
  const te = rowsAt[rowsAt.length - 1]![1];
  const align = delimiter.map(({ content: [cs, ce] }): AlignType => {
    const left = text.charCodeAt(cs) === 58; // ':'
    const right = text.charCodeAt(ce - 1) === 58;
    return left && right ? 'center' : left ? 'left' : right ? 'right' : null;
  });
  return {
    table: { header: rows[0] ?? [], rows: rows.slice(1), range: lines.range(ts, te) },
    node: { type: 'table', align, children: mdRows, position: position(ts, te) },
  };
}


/** HTML comments in a node, found with indexOf: a regex would rescan an unclosed `<!--` run. */
function collectComments(node: Html, into: HtmlComment[], offset: number): void {
  const base = offset + (node.position?.start.offset ?? 0);
  const v = node.value;
  for (let i = v.indexOf('<!--'); i >= 0; ) {
    const end = v.indexOf('-->', i + 4);
    if (end < 0) break;
    into.push({ body: v.slice(i + 4, end), start: base + i, end: base + end + 3 });
    i = v.indexOf('<!--', end + 3);
  }
}

function tableOf(node: MdTable, lines: LineIndex, base: number): Table {
  const rows: TableCell[][] = node.children.map((row) =>
    row.children.map((cell) => {
      const s = base + (cell.position?.start.offset ?? 0);
      const e = base + (cell.position?.end.offset ?? 0);
      return textBlock(cell.children, lines, s, e, base);
    }),
  );
  const s = base + (node.position?.start.offset ?? 0);
  const e = base + (node.position?.end.offset ?? 0);
  return { header: rows[0] ?? [], rows: rows.slice(1), range: lines.range(s, e) };
}

/** Flattens phrasing content to plain text, remembering where each run came from. */
export function textBlock(children: PhrasingContent[], lines: LineIndex, start: number, end: number, base = 0): TextBlock {
  const segments: TextSegment[] = [];
  const range = lines.range(start, end);
  // Segments count from the start of the block's first line (see TextSegment).
  const origin = lines.lineStart(range.start.line);
  let text = '';
  const walk = (nodes: PhrasingContent[], depth = 0): void => {
    if (depth > MAX_NESTING) return;
    for (const n of nodes) {
      if (n.type === 'text' && (n as Sliced).sliced) {
        // A slice of a paragraph's text run, already in document offsets (fast table cells).
        const sl = n as Sliced;
        segments.push({ at: text.length, len: n.value.length, srcFrom: sl.src - origin, srcTo: sl.src + n.value.length - origin });
        text += n.value;
      } else if (n.type === 'text' || n.type === 'inlineCode') {
        const src = n.position ? base + (n.position.start.offset ?? 0) : start;
        const srcEnd = n.position ? base + (n.position.end.offset ?? 0) : src;
        // Inline code keeps its backticks in the source; its value starts one tick in.
        const inner = n.type === 'inlineCode' ? innerCode(lines.text, src, srcEnd, n.value) : src;
        segments.push({ at: text.length, len: n.value.length, srcFrom: inner - origin, srcTo: (n.type === 'inlineCode' ? inner + n.value.length : srcEnd) - origin });
        text += n.value;
      } else if (n.type === 'break') {
        text += ' ';
      } else if ('children' in n) {
        walk(n.children as PhrasingContent[], depth + 1);
      }
    }
  };
  walk(children);
  return { text, range, segments };
}

function innerCode(source: string, src: number, srcEnd: number, value: string): number {
  const i = source.indexOf(value, src);
  return i >= 0 && i + value.length <= srcEnd ? i : src;
}

/** Maps a span of a block's plain text back to document offsets. */
export function sourceSpan(block: TextBlock, from: number, to: number, lines: LineIndex): [number, number] {
  const origin = lines.lineStart(block.range.start.line);
  return [origin + sourceOffset(block, from, false), origin + sourceOffset(block, to, true)];
}

/** The source offset (from the block's first line) of plain-text offset `i`. */
function sourceOffset(block: TextBlock, i: number, isEnd: boolean): number {
  const segs = block.segments;
  for (const s of segs) {
    const inside = isEnd ? i > s.at && i <= s.at + s.len : i >= s.at && i < s.at + s.len;
    if (!inside) continue;
    if (s.srcTo - s.srcFrom === s.len) return s.srcFrom + (i - s.at);
    return isEnd ? s.srcTo : s.srcFrom;
  }
  const last = segs[segs.length - 1];
  return last ? last.srcTo : 0;
}
