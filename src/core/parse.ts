import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import type { Root, RootContent, PhrasingContent, Table as MdTable, Html } from 'mdast';
import { LineIndex } from './lines.js';
import type { Heading, Paragraph, Section, Table, TableCell, TextBlock, TextSegment } from './types.js';

/**
 * Tables are the only GFM construct the checks read. Parsing full GFM costs about 70% more
 * (autolinks, footnotes, strikethrough), so only the table extension is loaded.
 */
function tablesOnly(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(tablesOnly);

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

export interface ParsedDocument {
  text: string;
  lines: LineIndex;
  tree: Root;
  yaml?: ParsedYamlBlock;
  headings: Heading[];
  sections: Section[];
  tables: Table[];
  paragraphs: Paragraph[];
  comments: HtmlComment[];
}

export function parseMarkdown(text: string): ParsedDocument {
  const lines = new LineIndex(text);
  const tree = processor.parse(text) as Root;
  const doc: ParsedDocument = {
    text,
    lines,
    tree,
    headings: [],
    sections: [],
    tables: [],
    paragraphs: [],
    comments: [],
  };
  let section: Section | undefined;
  const closeSection = (end: number): void => {
    if (section) section.bodyRange = { start: section.bodyRange.start, end: lines.position(end) };
  };

  const visit = (nodes: RootContent[]): void => {
    for (const node of nodes) {
      const start = node.position?.start.offset ?? 0;
      const end = node.position?.end.offset ?? start;
      switch (node.type) {
        case 'yaml': {
          // The YAML text starts after the opening fence's line break.
          const nl = text.indexOf('\n', start);
          const offset = nl < 0 ? end : nl + 1;
          doc.yaml = { text: node.value, offset, start, end };
          break;
        }
        case 'heading': {
          const block = textBlock(node.children, lines, start, end);
          doc.headings.push({ depth: node.depth, text: block.text.trim(), range: block.range });
          if (node.depth <= 2) {
            closeSection(start);
            section = undefined;
          }
          if (node.depth === 2) {
            section = { title: block.text.trim(), range: block.range, bodyRange: lines.range(start, text.length) };
            doc.sections.push(section);
          }
          doc.paragraphs.push({ ...block, kind: 'heading', ...(section ? { section: section.title } : {}) });
          break;
        }
        case 'paragraph':
          doc.paragraphs.push({
            ...textBlock(node.children, lines, start, end),
            kind: 'paragraph',
            ...(section ? { section: section.title } : {}),
          });
          visitInlineHtml(node.children);
          break;
        case 'table':
          doc.tables.push(tableOf(node, lines, section?.title));
          break;
        case 'html':
          collectComments(node, doc.comments);
          break;
        case 'list':
        case 'listItem':
        case 'blockquote':
          visit(node.children as RootContent[]);
          break;
        default:
          break;
      }
    }
  };
  const visitInlineHtml = (nodes: PhrasingContent[]): void => {
    for (const n of nodes) {
      if (n.type === 'html') collectComments(n, doc.comments);
      else if ('children' in n) visitInlineHtml(n.children as PhrasingContent[]);
    }
  };
  visit(tree.children);
  closeSection(text.length);
  return doc;
}

/** HTML comments in a node, found with indexOf: a regex would rescan an unclosed `<!--` run. */
function collectComments(node: Html, into: HtmlComment[]): void {
  const base = node.position?.start.offset ?? 0;
  const v = node.value;
  for (let i = v.indexOf('<!--'); i >= 0; ) {
    const end = v.indexOf('-->', i + 4);
    if (end < 0) break;
    into.push({ body: v.slice(i + 4, end), start: base + i, end: base + end + 3 });
    i = v.indexOf('<!--', end + 3);
  }
}

function tableOf(node: MdTable, lines: LineIndex, section: string | undefined): Table {
  const rows: TableCell[][] = node.children.map((row) =>
    row.children.map((cell) => {
      const s = cell.position?.start.offset ?? 0;
      const e = cell.position?.end.offset ?? s;
      return textBlock(cell.children, lines, s, e);
    }),
  );
  const s = node.position?.start.offset ?? 0;
  const e = node.position?.end.offset ?? s;
  return { header: rows[0] ?? [], rows: rows.slice(1), range: lines.range(s, e), ...(section ? { section } : {}) };
}

/** Flattens phrasing content to plain text, remembering where each run came from. */
export function textBlock(children: PhrasingContent[], lines: LineIndex, start: number, end: number): TextBlock {
  const segments: TextSegment[] = [];
  let text = '';
  const walk = (nodes: PhrasingContent[]): void => {
    for (const n of nodes) {
      if (n.type === 'text' || n.type === 'inlineCode') {
        const src = n.position?.start.offset ?? start;
        const srcEnd = n.position?.end.offset ?? src;
        // Inline code keeps its backticks in the source; its value starts one tick in.
        const inner = n.type === 'inlineCode' ? innerCode(lines.text, src, srcEnd, n.value) : src;
        segments.push({ at: text.length, len: n.value.length, src: inner, srcEnd: n.type === 'inlineCode' ? inner + n.value.length : srcEnd });
        text += n.value;
      } else if (n.type === 'break') {
        text += ' ';
      } else if ('children' in n) {
        walk(n.children as PhrasingContent[]);
      }
    }
  };
  walk(children);
  return { text, range: lines.range(start, end), segments };
}

function innerCode(source: string, src: number, srcEnd: number, value: string): number {
  const i = source.indexOf(value, src);
  return i >= 0 && i + value.length <= srcEnd ? i : src;
}

/** Maps a span of a block's plain text back to source offsets. */
export function sourceSpan(block: TextBlock, from: number, to: number): [number, number] {
  return [sourceOffset(block, from, false), sourceOffset(block, to, true)];
}

function sourceOffset(block: TextBlock, i: number, isEnd: boolean): number {
  const segs = block.segments;
  for (const s of segs) {
    const inside = isEnd ? i > s.at && i <= s.at + s.len : i >= s.at && i < s.at + s.len;
    if (!inside) continue;
    if (s.srcEnd - s.src === s.len) return s.src + (i - s.at);
    return isEnd ? s.srcEnd : s.src;
  }
  const last = segs[segs.length - 1];
  return last ? last.srcEnd : 0;
}
