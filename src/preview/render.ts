// The one HTML renderer of a trial summary: used by the VS Code preview webview and by the CLI's
// `trial-report render`. It runs in the language server's process (`trialReport/render`, for the
// extension's preview and Export as HTML), or the CLI; never in the webview. The Markdown comes from the parse the check
// made (`ParsedDocument.bodyTrees`), never a second parse, and a finding is marked on the text
// the parse's positions say it was written at.
//
// Safety model: every string that comes from the document is escaped by the `html` template
// (interpolations are escaped unless they are `SafeHtml` built by this module), and the Markdown
// body goes mdast → hast (raw HTML dropped) → hast-util-sanitize with a strict allow-list →
// hast-util-to-html. Only after sanitising are trusted nodes (finding marks, data-line
// attributes) added. Nothing refers to a remote resource.
import type { Element, ElementContent, Root as HastRoot, RootContent as HastRootContent, Text as HastText } from 'hast';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import type { Root as MdastRoot } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import type { Analysis } from '../core/check.js';
import type { ParsedDocument } from '../core/parse.js';
import { html, SafeHtml, type Part } from './html.js';
import { denominator } from '../core/rules/rule.js';
import { wilson } from '../core/stats.js';
import { CHAR_W, doseOrder, forestPlot, r2, scaleFor, truncate, type ForestRow } from './figures.js';
import { continuousResultsTable, dotPlot, scaleNote, scaleParagraph, timeToEventTable, type ResultsContext } from './continuous.js';
import { participantFlow, type FlowCount } from './flow.js';
import type { Arm, ArmResult, Comparison, Endpoint, Finding, Range, Severity, WrittenNumber } from '../core/types.js';

export interface RenderOptions {
  mode: 'webview' | 'standalone';
  /** webview: crypto nonce for the script tag and CSP (required in webview mode). */
  nonce?: string;
  /** webview: panel.webview.cspSource, for styles/images from the extension's media folder. */
  cspSource?: string;
  /** webview: URIs (as strings) of media/preview.css and media/preview.js. */
  styleUri?: string;
  scriptUri?: string;
  /** webview: the document version, echoed in messages so stale ones are ignored. */
  version?: number;
  /** webview: the previewed document's URI, kept in the webview state for the serializer. */
  source?: string;
  /** standalone: the CSS text to inline (the CLI reads media/preview.css and passes it). */
  inlineCss?: string;
  title?: string;
}

export { SafeHtml, escapeHtml } from './html.js';

// ---------------------------------------------------------------------------------------------
// Findings: where they are and how they are marked

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

function worst(fs: readonly Finding[]): Severity {
  let s: Severity = 'info';
  for (const f of fs) if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[s]) s = f.severity;
  return s;
}

function cmpPos(a: Range['start'], b: Range['start']): number {
  return a.line - b.line || a.column - b.column;
}

function within(inner: Range, outer: Range): boolean {
  return cmpPos(outer.start, inner.start) <= 0 && cmpPos(inner.end, outer.end) <= 0;
}

/** Marking state shared by the card, the tables and the body. */
class Marker {
  /** Findings outside the Markdown body (front matter), with their index in `findings`. */
  readonly front: { f: Finding; i: number }[] = [];
  /** Findings in the body with 0-based source offsets [start, end). */
  readonly body: { f: Finding; i: number; start: number; end: number }[] = [];
  /** Indexes of findings that have an element with id `finding-<i>` in the output. */
  readonly anchored = new Set<number>();

  constructor(readonly analysis: Analysis) {
    const { findings, doc, model } = analysis;
    const fmEnd = model.frontMatter ? doc.lines.offset(model.frontMatter.range.end) : doc.yaml ? doc.yaml.end : -1;
    findings.forEach((f, i) => {
      let start = doc.lines.offset(f.range.start);
      let end = doc.lines.offset(f.range.end);
      if (start < fmEnd || (fmEnd < 0 && f.ruleId === 'TR202')) {
        this.front.push({ f, i });
        return;
      }
      if (end <= start) {
        // A point finding (a missing section, say) marks its whole line.
        const line = doc.lines.lineRange(f.range.start.line);
        start = doc.lines.offset(line.start);
        end = doc.lines.offset(line.end);
      }
      // A finding spanning a whole section would paint it all: mark its first line only.
      if (end - start > 400) end = Math.max(start, doc.lines.offset(doc.lines.lineRange(f.range.start.line).end));
      if (end > start) this.body.push({ f, i, start, end });
    });
  }

  /** Front-matter findings on a value shown in a card cell or table cell. */
  frontFor(ranges: readonly (Range | undefined)[]): { f: Finding; i: number }[] {
    const rs = ranges.filter((r): r is Range => !!r);
    if (rs.length === 0) return [];
    return this.front.filter(({ f }) => rs.some((r) => within(f.range, r)));
  }

  /** Marks `content` when a front-matter finding concerns one of `ranges`. */
  cell(content: Part, ...ranges: (Range | undefined)[]): SafeHtml {
    const hits = this.frontFor(ranges);
    if (hits.length === 0) return html`${content}`;
    const first = hits[0]!;
    const id = this.anchor(first.i);
    const title = hits.map(({ f }) => `${f.ruleId}: ${f.message}`).join('\n');
    return html`<mark class="finding ${worst(hits.map((h) => h.f))}"${id ? html` id="${id}"` : ''} title="${title}" data-line="${first.f.range.start.line}" data-column="${first.f.range.start.column}" data-finding="${first.i}">${content}</mark>`;
  }

  /**
   * The findings on a value drawn in a figure (which cannot hold a <mark>): their worst severity
   * and messages, for the figure to outline the value. The value is marked in a table too.
   */
  flag(...ranges: (Range | undefined)[]): { severity: Severity; title: string } | undefined {
    const hits = this.frontFor(ranges);
    if (hits.length === 0) return undefined;
    return { severity: worst(hits.map((h) => h.f)), title: hits.map(({ f }) => `${f.ruleId}: ${f.message}`).join('\n') };
  }

  /** The id for the first element marking finding `i`, or undefined when it already has one. */
  anchor(i: number): string | undefined {
    if (this.anchored.has(i)) return undefined;
    this.anchored.add(i);
    return `finding-${i}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Markdown body

const SANITIZE_SCHEMA: Schema = {
  allowComments: false,
  allowDoctypes: false,
  clobberPrefix: 'user-content-',
  clobber: ['id', 'name'],
  ancestors: { tbody: ['table'], td: ['table'], th: ['table'], thead: ['table'], tfoot: ['table'], tr: ['table'] },
  // Elements whose content is dropped with them (not unwrapped).
  strip: ['script', 'style', 'iframe', 'object', 'embed', 'svg', 'math', 'template', 'noscript', 'textarea', 'title', 'frame', 'frameset'],
  tagNames: [
    'a', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'img', 'li', 'ol', 'p', 'pre',
    'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
  ],
  attributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title'],
    code: [['className', /^language-[\w+-]+$/]],
    ol: ['start'],
    td: [['align', 'left', 'center', 'right']],
    th: [['align', 'left', 'center', 'right']],
    '*': [],
  },
  required: {},
  protocols: { href: ['http', 'https', 'mailto'], src: ['data'] },
};

const SAFE_DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$/i;

function isElement(n: HastRootContent | ElementContent): n is Element {
  return n.type === 'element';
}

/** Images load nothing remote: only inline raster data images survive; others become a note. */
function replaceImages(children: (HastRootContent | ElementContent)[]): void {
  for (let i = 0; i < children.length; i++) {
    const n = children[i]!;
    if (!isElement(n)) continue;
    if (n.tagName === 'img') {
      const src = n.properties['src'];
      if (typeof src === 'string' && SAFE_DATA_IMAGE.test(src)) continue;
      const alt = typeof n.properties['alt'] === 'string' ? n.properties['alt'] : '';
      const note: Element = {
        type: 'element',
        tagName: 'span',
        properties: { className: ['image-omitted'], title: 'Images from files or the web are not loaded in the report' },
        children: [{ type: 'text', value: alt ? `[image not shown: ${alt}]` : '[image not shown]' }],
      };
      if (n.position) note.position = n.position;
      children[i] = note;
    } else {
      replaceImages(n.children);
    }
  }
}

const LINE_TAGS = new Set(['tr', 'li']);

/** One piece of the check's parse (`ParsedDocument.bodyTrees`) being rendered. */
interface Piece {
  doc: ParsedDocument;
  /** Document offset its positions count from. */
  offset: number;
}

/** data-line on top-level blocks (and table rows, list items) for scroll sync. */
function addLineAttributes(root: HastRoot, piece: Piece): void {
  const visit = (n: Element, top: boolean): void => {
    const at = n.position?.start.offset;
    if ((top || LINE_TAGS.has(n.tagName)) && typeof at === 'number') {
      // A scroll-sync anchor (the webview's script reads `.code-line[data-line]`); the piece's
      // positions are its own, so the document's line comes from the offset.
      const cls = n.properties['className'];
      const { className: _old, ...rest } = n.properties;
      n.properties = { className: [...(Array.isArray(cls) ? cls : typeof cls === 'string' ? [cls] : []), 'code-line'], ...rest, dataLine: piece.doc.lines.position(piece.offset + at).line };
    }
    for (const c of n.children) if (isElement(c)) visit(c, false);
  };
  for (const c of root.children) if (isElement(c)) visit(c, true);
}

/** ASCII punctuation: what a backslash escapes (CommonMark 2.4). */
const ESCAPABLE = /[!-/:-@[-`{-~]/;
/** A character reference as CommonMark spells one (2.5); a named one decodes to 1–4 UTF-16 units. */
const REFERENCE = /&(?:#[xX]([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|[A-Za-z][A-Za-z0-9]{1,31});/y;

/** How many characters of `value` (from `i`) a reference decoded to, or 0 if it stayed as written. */
function referenceLength(ref: RegExpExecArray, value: string, i: number, source: string, after: number): number {
  const hex = ref[1];
  const dec = ref[2];
  if (hex !== undefined || dec !== undefined) {
    const code = parseInt(hex ?? dec ?? '', hex !== undefined ? 16 : 10);
    const ch = code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    if (ch && value.startsWith(ch, i)) return ch.length;
    // What micromark will not decode (NUL, surrogates, controls, past Unicode) becomes U+FFFD.
    return value[i] === '\ufffd' ? 1 : 0;
  }
  // A named reference: no table here, so take the length after which the value goes on as the
  // source does, up to the next thing the source spells differently (another escape or
  // reference, a line break); a name micromark does not know stays as written.
  const plain = /[&\\\r\n]/.exec(source.slice(after, after + 8));
  const agrees = (n: number): boolean => {
    const k = Math.min(plain ? plain.index : 8, value.length - i - n, source.length - after);
    return k >= 0 && value.slice(i + n, i + n + k) === source.slice(after, after + k);
  };
  for (let n = 1; n <= 4; n++) if (agrees(n)) return n;
  return 0;
}

/**
 * Where each character of a text node's value was written, as document offsets. The parse makes
 * a value from its source (the node's position) by leaving out what only the syntax needs: the
 * backslash of an escape, the spelling of a character reference (its decoded text stays), and
 * the indentation, block-quote markers and trailing spaces at line breaks; in code, the backticks
 * and the padding space, and line breaks become spaces. So both are walked in step: an escape or
 * a reference is decoded where the value has its character, and a source character that is not
 * the value's next one is syntax of that kind and is stepped over.
 */
function sourceOffsets(value: string, source: string, base: number, code: boolean): number[] {
  const map = new Array<number>(value.length + 1);
  if (value === source) {
    for (let i = 0; i <= value.length; i++) map[i] = base + i;
    return map;
  }
  let j = 0;
  if (code) while (source[j] === '`') j++;
  let i = 0;
  while (i < value.length && j < source.length) {
    const c = source[j]!;
    const v = value[i]!;
    if (code) {
      if (c === v) map[i++] = base + j++;
      else if (v === ' ' && (c === '\n' || c === '\r')) {
        map[i++] = base + j;
        j += c === '\r' && source[j + 1] === '\n' ? 2 : 1;
      } else j++;
      continue;
    }
    if (c === '\\' && ESCAPABLE.test(source[j + 1] ?? '') && source[j + 1] === v) {
      map[i++] = base + j;
      j += 2;
      continue;
    }
    if (c === '&') {
      REFERENCE.lastIndex = j;
      const ref = REFERENCE.exec(source);
      const n = ref ? referenceLength(ref, value, i, source, j + ref[0].length) : 0;
      if (ref && n > 0) {
        for (let k = 0; k < n; k++) map[i++] = base + j;
        j += ref[0].length;
        continue;
      }
    }
    if (c === v) map[i++] = base + j++;
    else j++;
  }
  // Nothing left to match (a value the rules above do not explain): the rest is at the end.
  for (; i <= value.length; i++) map[i] = base + j;
  return map;
}

function markText(node: HastText, marker: Marker, piece: Piece, code: boolean): ElementContent[] | undefined {
  const pos = node.position;
  const rs = pos?.start.offset;
  const re = pos?.end.offset;
  if (typeof rs !== 'number' || typeof re !== 'number' || node.value.length === 0) return undefined;
  const s = piece.offset + rs;
  const e = piece.offset + re;
  const hits = marker.body.filter((b) => b.start < e && b.end > s);
  if (hits.length === 0) return undefined;
  const map = sourceOffsets(node.value, piece.doc.text.slice(s, e), s, code);
  // Which findings cover each character; consecutive characters with the same set form a run.
  const cover = (i: number): typeof hits => hits.filter((h) => map[i]! >= h.start && map[i]! < h.end);
  const out: ElementContent[] = [];
  let i = 0;
  while (i < node.value.length) {
    const set = cover(i);
    const key = set.map((h) => h.i).join(',');
    let j = i + 1;
    while (j < node.value.length && cover(j).map((h) => h.i).join(',') === key) j++;
    const text: HastText = { type: 'text', value: node.value.slice(i, j) };
    if (set.length === 0) out.push(text);
    else {
      const first = set[0]!;
      const id = marker.anchor(first.i);
      out.push({
        type: 'element',
        tagName: 'mark',
        properties: {
          className: ['finding', worst(set.map((h) => h.f))],
          ...(id ? { id } : {}),
          title: set.map((h) => `${h.f.ruleId}: ${h.f.message}`).join('\n'),
          dataLine: first.f.range.start.line,
          dataColumn: first.f.range.start.column,
          dataFinding: first.i,
        },
        children: [text],
      });
    }
    i = j;
  }
  return out;
}

/** Marks the findings on the text under `parent`, placed by the source offsets of the parse. */
function markFindings(parent: HastRoot | Element, marker: Marker, piece: Piece): void {
  const code = parent.type === 'element' && parent.tagName === 'code';
  const next: (HastRootContent | ElementContent)[] = [];
  for (const c of parent.children) {
    if (c.type === 'text') {
      const parts = markText(c, marker, piece, code);
      if (parts) next.push(...parts);
      else next.push(c);
    } else {
      if (isElement(c)) markFindings(c, marker, piece);
      next.push(c);
    }
  }
  parent.children = next as typeof parent.children;
}

/**
 * hast-util-to-html leaves `<` and `>` literal inside quoted attribute values (valid HTML, and
 * harmless there), but a report must survive a grep for `<script`: escape them. The serialiser's
 * output is regular — text has `<` escaped, every attribute value is double-quoted without `"` —
 * so a quote-aware tag pattern finds every attribute value.
 */
function escapeAttributeBrackets(out: string): string {
  // One linear pass: inside a tag, a double-quoted value has its `<` and `>` escaped. Copied by
  // slices, so the result is a flat string (the preview keeps each piece's HTML for reuse, and a
  // string built a character at a time is a rope that every later join walks again).
  let result = '';
  let from = 0;
  let inTag = false;
  let inValue = false;
  for (let k = 0; k < out.length; k++) {
    const c = out.charCodeAt(k);
    if (inValue) {
      if (c === 34 /* " */) inValue = false;
      else if (c === 60 /* < */ || c === 62 /* > */) {
        result += out.slice(from, k) + (c === 60 ? '&#x3C;' : '&#x3E;');
        from = k + 1;
      }
    } else if (inTag) {
      if (c === 34) inValue = true;
      else if (c === 62) inTag = false;
    } else if (c === 60) {
      inTag = true;
    }
  }
  return from === 0 ? out : result + out.slice(from);
}

/**
 * A piece's HTML by its tree. The incremental cache hands the same tree for a chunk an edit did
 * not touch, so its HTML is reused while nothing it shows changed: the line it starts at (its
 * `data-line`s) and the marks on it (the findings over its text, and which already have their
 * anchor id). Held weakly: it goes with the tree.
 */
const PIECE_HTML = new WeakMap<MdastRoot, { key: string; html: string; anchored: number[] }>();

/** What a piece's HTML depends on besides its tree (see PIECE_HTML), or undefined if unknown. */
function pieceKey(root: MdastRoot, piece: Piece, marker: Marker): string | undefined {
  const end = root.position?.end.offset;
  if (typeof end !== 'number') return undefined;
  const from = piece.offset;
  const to = from + end;
  const marks = marker.body
    .filter((b) => b.start < to && b.end > from)
    .map(({ f, i, start, end }) => [i, start - from, end - from, f.severity, f.ruleId, f.message, f.range.start.line, f.range.start.column, marker.anchored.has(i)]);
  return JSON.stringify([piece.doc.lines.position(from).line, marks]);
}

function renderPiece(root: MdastRoot, piece: Piece, marker: Marker): string {
  const key = pieceKey(root, piece, marker);
  const memo = PIECE_HTML.get(root);
  if (memo && key !== undefined && memo.key === key) {
    for (const i of memo.anchored) marker.anchored.add(i);
    return memo.html;
  }
  const mdast: MdastRoot = { type: 'root', children: root.children.filter((n) => n.type !== 'yaml' && n.type !== 'html') };
  let html = '';
  const before = new Set(marker.anchored);
  if (mdast.children.length > 0) {
    const hast = toHast(mdast, { allowDangerousHtml: false }) as HastRoot;
    const clean = sanitize(hast, SANITIZE_SCHEMA) as HastRoot;
    if (clean.type === 'root') {
      replaceImages(clean.children);
      addLineAttributes(clean, piece);
      markFindings(clean, marker, piece);
      html = escapeAttributeBrackets(toHtml(clean));
    }
  }
  if (key !== undefined) PIECE_HTML.set(root, { key, html, anchored: [...marker.anchored].filter((i) => !before.has(i)) });
  return html;
}

/**
 * The Markdown body from the check's own parse (`doc.bodyTrees`), never a second one: each piece
 * (a chunk of the incremental cache, or the whole body) is rendered on its own and the pieces
 * joined by the line break mdast-util-to-hast puts between top-level blocks, which gives the
 * HTML of the whole tree (chunks split where no reference or container spans them).
 */
function renderMarkdownBody(analysis: Analysis, marker: Marker): SafeHtml {
  const doc = analysis.doc;
  const out: string[] = [];
  for (const { root, offset } of doc.bodyTrees) {
    const html = renderPiece(root, { doc, offset }, marker);
    if (html) out.push(html);
  }
  return new SafeHtml(out.join('\n'));
}

// ---------------------------------------------------------------------------------------------
// Structured data: trial card, arms, results, adverse events

/** A link only for identifiers whose registry URL we can build from a known pattern. */
export function registryUrl(id: string): string | undefined {
  const t = id.trim();
  if (/^NCT\d{8}$/.test(t)) return `https://clinicaltrials.gov/study/${t}`;
  if (/^ISRCTN\d{8}$/.test(t)) return `https://www.isrctn.com/${t}`;
  return undefined;
}

const fmt1 = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : '—');

interface Ctx {
  analysis: Analysis;
  marker: Marker;
  arms: Map<string, Arm>;
}

function armLabel(ctx: Ctx, id: string | undefined): SafeHtml {
  if (id === undefined) return html`<span class="muted">?</span>`;
  const arm = ctx.arms.get(id);
  return arm ? html`${arm.label}` : html`<span class="unknown-arm" title="not a declared arm">${id}</span>`;
}

/**
 * The denominator of a result, exactly as the checker takes it (core `denominator`): its own `n`,
 * else the arm's analysed, else randomised; none when the writer said `n: null`.
 */
function resultN(ctx: Ctx, r: ArmResult): WrittenNumber | undefined {
  return denominator(r, ctx.arms.get(r.armId));
}

/** An endpoint's results in dose order (placebo first), the order the chart and table use. */
function resultsInDoseOrder(ctx: Ctx, results: readonly ArmResult[]): ArmResult[] {
  const declared = ctx.analysis.model.arms;
  const ordered = doseOrder(declared).map((a) => a.id);
  const rank = (id: string): number => {
    const i = ordered.indexOf(id);
    return i < 0 ? ordered.length : i;
  };
  return results.map((r, i) => ({ r, i })).sort((a, b) => rank(a.r.armId) - rank(b.r.armId) || a.i - b.i).map((x) => x.r);
}

interface Share {
  /** Share in percent, for the chart. */
  value: number;
  /** The share as written, when it was written rather than computed. */
  text?: string;
  /** Wilson interval in percent, when events/n are known and the result is not a model estimate. */
  ci?: [number, number];
}

function shareOf(ctx: Ctx, r: ArmResult): Share | undefined {
  const n = resultN(ctx, r)?.value;
  const k = r.events?.value;
  const modelEstimate = !!r.estimate;
  if (k !== undefined && n !== undefined && n > 0 && k >= 0 && k <= n && Number.isInteger(k) && Number.isInteger(n)) {
    if (modelEstimate && r.percent) return { value: r.percent.value, text: r.percent.text };
    return modelEstimate ? { value: (100 * k) / n } : { value: (100 * k) / n, ci: wilson(k, n) };
  }
  if (r.percent && r.percent.value >= 0 && r.percent.value <= 100) return { value: r.percent.value, text: r.percent.text };
  return undefined;
}

function dataRow(label: string, value: Part): SafeHtml {
  return html`<div class="field"><dt>${label}</dt><dd>${value}</dd></div>`;
}

function trialCard(ctx: Ctx): SafeHtml {
  const { trial } = ctx.analysis.model;
  const m = ctx.marker;
  const reg = trial.registration;
  const url = reg ? registryUrl(reg.value) : undefined;
  const rows: SafeHtml[] = [];
  if (reg) rows.push(dataRow('Registration', m.cell(url ? html`<a href="${url}" rel="noopener noreferrer">${reg.value}</a>` : reg.value, reg.range)));
  if (trial.phase) rows.push(dataRow('Phase', m.cell(trial.phase.value, trial.phase.range)));
  if (trial.design.length)
    rows.push(dataRow('Design', html`<ul class="tags">${trial.design.map((d) => html`<li>${m.cell(d.value, d.range)}</li>`)}</ul>`));
  if (trial.population) rows.push(dataRow('Population', m.cell(trial.population.value, trial.population.range)));
  if (trial.assessed) rows.push(dataRow('Assessed for eligibility', m.cell(trial.assessed.text, trial.assessed.range)));
  if (trial.excluded) rows.push(dataRow('Excluded', m.cell(trial.excluded.text, trial.excluded.range)));
  if (trial.exclusionReasons?.length) {
    const at = ctx.analysis.model.frontMatter?.pointers.get('/trial/exclusion_reasons');
    // A finding on the list (its sum, reported on the key) marks every reason; one on a count, that count.
    rows.push(dataRow('Exclusion reasons', html`<ul class="reasons">${trial.exclusionReasons.map((r) => html`<li>${m.cell(html`${r.reason}: ${m.cell(r.count.text, r.count.range)}`, at?.key)}</li>`)}</ul>`));
  }
  if (trial.randomized) rows.push(dataRow('N randomised', m.cell(trial.randomized.text, trial.randomized.range)));
  if (trial.allocation) rows.push(dataRow('Allocation', m.cell(trial.allocation.value, trial.allocation.range)));
  if (trial.duration) rows.push(dataRow('Duration', m.cell(trial.duration.value, trial.duration.range)));
  if (rows.length === 0) return html``;
  const line = trial.keyRange?.start.line ?? trial.title?.range.start.line;
  return html`<section class="card trial-card${line ? ' code-line' : ''}"${line ? html` data-line="${line}"` : ''} aria-labelledby="trial-card-h"><h2 id="trial-card-h">Trial</h2><dl class="fields">${rows}</dl></section>`;
}

/** The arm counts of format 1.1 shown as columns when any arm gives them. */
const ARM_FLOW_COLUMNS = [
  ['received', 'Received'],
  ['discontinued', 'Discontinued'],
  ['lost', 'Lost to follow-up'],
  ['completed', 'Completed'],
] as const;

function flowCount(m: Marker, w: WrittenNumber | undefined): FlowCount | undefined {
  if (!w) return undefined;
  const flag = m.flag(w.range);
  return { value: w.value, text: w.text, ...(flag ? { flag } : {}) };
}

function flowFigure(ctx: Ctx): SafeHtml {
  const { trial, arms, frontMatter } = ctx.analysis.model;
  const m = ctx.marker;
  const at = frontMatter?.pointers.get('/trial/exclusion_reasons');
  const reasonsFlag = at ? m.flag(at.key) : undefined;
  // exactOptionalPropertyTypes: a key is present only with a value.
  const opt = <K extends string>(k: K, w: WrittenNumber | undefined): Partial<Record<K, FlowCount>> => {
    const v = flowCount(m, w);
    return v ? ({ [k]: v } as Partial<Record<K, FlowCount>>) : {};
  };
  return participantFlow({
    ...opt('assessed', trial.assessed),
    ...opt('excluded', trial.excluded),
    ...(trial.exclusionReasons?.length ? { exclusionReasons: trial.exclusionReasons.map((r) => ({ reason: r.reason, count: flowCount(m, r.count)! })) } : {}),
    ...(reasonsFlag ? { reasonsFlag } : {}),
    ...opt('randomized', trial.randomized),
    arms: arms.map((a) => ({
      label: a.label,
      ...opt('randomized', a.randomized),
      ...opt('received', a.received),
      ...opt('discontinued', a.discontinued),
      ...opt('lost', a.lost),
      ...opt('completed', a.completed),
      ...opt('analysed', a.analysed),
    })),
  });
}

function armsTable(ctx: Ctx): SafeHtml {
  const arms = ctx.analysis.model.arms;
  if (arms.length === 0) return html``;
  const m = ctx.marker;
  const dash = html`<span class="muted">—</span>`;
  const flowCols = ARM_FLOW_COLUMNS.filter(([k]) => arms.some((a) => a[k]));
  const rows = arms.map((a) => {
    const analysed = a.analysed
      ? m.cell(a.analysed.text, a.analysed.range)
      : a.randomized
        ? html`<span class="muted" title="analysed defaults to randomised">${a.randomized.text}</span>`
        : dash;
    const flow = flowCols.map(([k]) => {
      const v = a[k];
      return html`<td class="num">${v ? m.cell(v.text, v.range) : dash}</td>`;
    });
    return html`<tr><th scope="row">${m.cell(a.label, a.idRange)} <code class="id">${a.id}</code></th><td>${a.dose ?? dash}</td><td class="num">${a.randomized ? m.cell(a.randomized.text, a.randomized.range) : dash}</td>${flow}<td class="num">${analysed}</td></tr>`;
  });
  const heads = flowCols.map(([, head]) => html`<th scope="col" class="num">${head}</th>`);
  return html`<section class="card arms code-line" data-line="${arms[0]!.range.start.line}" aria-labelledby="arms-h"><h2 id="arms-h">Participant flow and arms</h2>${flowFigure(ctx)}<div class="table-wrap"><table class="data"><thead><tr><th scope="col">Arm</th><th scope="col">Dose</th><th scope="col" class="num">Randomised</th>${heads}<th scope="col" class="num">Analysed</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

function binaryTable(ctx: Ctx, ep: Endpoint): SafeHtml {
  const m = ctx.marker;
  const rows = resultsInDoseOrder(ctx, ep.results).map((r) => {
    const n = resultN(ctx, r);
    const sh = shareOf(ctx, r);
    const counts = r.events
      ? html`${m.cell(r.events.text, r.events.range)} / ${n ? (r.n ? m.cell(n.text, n.range) : html`<span class="muted" title="n defaults to the arm's analysed count">${n.text}</span>`) : '?'}`
      : r.n
        ? html`<span class="muted">n =</span> ${m.cell(r.n.text, r.n.range)}`
        : html`<span class="muted">—</span>`;
    const share = r.percent
      ? m.cell(r.percent.text, r.percent.range)
      : sh
        ? html`<span class="computed" title="computed from events/n">${fmt1(sh.value)}</span>`
        : html`<span class="muted">—</span>`;
    const est = r.estimate ? html` <span class="badge" title="a model output, not events/n">${r.estimate.value}</span>` : '';
    const ci = sh?.ci ? html`${fmt1(sh.ci[0])}–${fmt1(sh.ci[1])}` : html`<span class="muted">—</span>`;
    return html`<tr><th scope="row">${m.cell(armLabel(ctx, r.armId), r.keyRange)}</th><td class="num">${counts}</td><td class="num">${share}${est}</td><td class="num">${ci}</td></tr>`;
  });
  return html`<div class="table-wrap"><table class="data results"><thead><tr><th scope="col">Arm</th><th scope="col" class="num">Events / n</th><th scope="col" class="num">Share (%)</th><th scope="col" class="num">95% CI (Wilson, computed)</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function continuousTable(ctx: Ctx, ep: Endpoint): SafeHtml {
  const m = ctx.marker;
  const num = (w: WrittenNumber | undefined): SafeHtml | undefined => (w ? m.cell(w.text, w.range) : undefined);
  const cols: { head: string; get: (r: ArmResult) => SafeHtml | undefined }[] = [
    { head: 'n', get: (r) => num(r.n) },
    { head: 'Events', get: (r) => num(r.events) },
    { head: 'Share (%)', get: (r) => num(r.percent) },
    { head: 'Mean', get: (r) => num(r.mean) },
    { head: 'SD', get: (r) => num(r.sd) },
    { head: 'SE', get: (r) => num(r.se) },
    { head: 'Median', get: (r) => num(r.median) },
    { head: 'IQR', get: (r) => (r.iqr ? html`${num(r.iqr[0])}–${num(r.iqr[1])}` : undefined) },
    { head: 'Estimate', get: (r) => (r.estimate ? html`${r.estimate.value}` : undefined) },
  ];
  const used = cols.filter((c) => ep.results.some((r) => c.get(r) !== undefined));
  const rows = ep.results.map(
    (r) => html`<tr><th scope="row">${m.cell(armLabel(ctx, r.armId), r.keyRange)}</th>${used.map((c) => html`<td class="num">${c.get(r) ?? html`<span class="muted">—</span>`}</td>`)}</tr>`,
  );
  return html`<div class="table-wrap"><table class="data results"><thead><tr><th scope="col">Arm</th>${used.map((c) => html`<th scope="col" class="num">${c.head}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function comparisonsTable(ctx: Ctx, comps: readonly Comparison[]): SafeHtml {
  if (comps.length === 0) return html``;
  const m = ctx.marker;
  const rows = comps.map((c) => {
    const unit = c.measure?.value === 'risk difference' ? html` <span class="unit">pp</span>` : '';
    const est = c.estimate ? html`${m.cell(c.estimate.text, c.estimate.range)}${unit}` : html`<span class="muted">—</span>`;
    const ci = c.ci
      ? m.cell(html`${m.cell(c.ci[0].text, c.ci[0].range)} to ${m.cell(c.ci[1].text, c.ci[1].range)}`, c.ciRange)
      : html`<span class="muted">—</span>`;
    const p = c.p ? m.cell(c.p.op === '=' ? c.p.text : c.p.text, c.p.range) : html`<span class="muted">—</span>`;
    const sided = c.p && c.sided === 1 ? html` <span class="badge">one-sided</span>` : '';
    const adj = c.adjusted === true ? 'adjusted' : c.adjusted === false ? 'crude' : '';
    return html`<tr><th scope="row">${c.arm ? m.cell(armLabel(ctx, c.arm.value), c.arm.range) : armLabel(ctx, undefined)} <span class="muted">vs</span> ${c.versus ? m.cell(armLabel(ctx, c.versus.value), c.versus.range) : armLabel(ctx, undefined)}</th><td>${c.measure ? m.cell(c.measure.value, c.measure.range) : html`<span class="muted">—</span>`}${adj ? html` <span class="badge">${adj}</span>` : ''}</td><td class="num">${est}</td><td class="num"><span class="muted">${c.ciLevel}%</span> ${ci}</td><td class="num">${p}${sided}</td></tr>`;
  });
  return html`<div class="table-wrap"><table class="data comparisons"><caption>Comparisons</caption><thead><tr><th scope="col">Comparison</th><th scope="col">Measure</th><th scope="col" class="num">Estimate</th><th scope="col" class="num">CI (reported)</th><th scope="col" class="num">p</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

// ---- Forest plot

const MEASURE_TITLES: Record<string, string> = {
  'risk ratio': 'Risk ratio (log scale)',
  'odds ratio': 'Odds ratio (log scale)',
  'hazard ratio': 'Hazard ratio (log scale)',
  'risk difference': 'Risk difference (percentage points)',
  'mean difference': 'Mean difference',
};

/** One small forest plot per measure (a ratio on a log axis, a difference on a linear one). */
function forestPlots(ctx: Ctx, ep: Endpoint, comps: readonly Comparison[]): SafeHtml {
  const groups = new Map<string, ForestRow[]>();
  for (const c of comps) {
    if (!c.estimate) continue;
    const measure = c.measure?.value ?? '';
    const name = (id: string | undefined): string => (id === undefined ? '?' : (ctx.arms.get(id)?.label ?? id));
    const ciText = c.ci ? ` (${c.ciLevel}% CI ${c.ci[0].text} to ${c.ci[1].text})` : '';
    const row: ForestRow = {
      label: `${name(c.arm?.value)} vs ${name(c.versus?.value)}`,
      estimate: c.estimate.value,
      ...(c.ci ? { ci: [c.ci[0].value, c.ci[1].value] as [number, number] } : {}),
      text: `${c.estimate.text}${ciText}`,
    };
    const list = groups.get(measure) ?? [];
    list.push(row);
    groups.set(measure, list);
  }
  const title = (measure: string): string => {
    const base = MEASURE_TITLES[measure] ?? (measure ? measure : 'Estimate');
    // A mean difference is in the outcome's own units: say which scale when the endpoint has one.
    const note = measure === 'mean difference' ? scaleNote(ep) : undefined;
    return note ? `${base} (${note})` : base;
  };
  return html`${[...groups].map(([measure, rows]) => forestPlot(rows, scaleFor(measure || undefined), title(measure)))}`;
}

// ---- Chart

const CHART = { width: 760, row: 30, bar: 14, top: 8, axis: 30, right: 56, gap: 12, charW: CHAR_W, minLabel: 60, maxLabel: 200 };

/**
 * Horizontal bars, one row per arm: labels sit in their own column (truncated to fit, full text
 * in a tooltip), values after the whisker, so no two labels can overlap.
 */
function barChart(ctx: Ctx, ep: Endpoint): SafeHtml {
  const bars = resultsInDoseOrder(ctx, ep.results)
    .map((r) => ({ r, label: ctx.arms.get(r.armId)?.label ?? r.armId, share: shareOf(ctx, r) }))
    .filter((b): b is { r: ArmResult; label: string; share: Share } => !!b.share);
  if (bars.length === 0) return html``;
  const C = CHART;
  const longest = Math.max(...bars.map((b) => b.label.length));
  const labelW = Math.min(C.maxLabel, Math.max(C.minLabel, Math.ceil(longest * C.charW)));
  const maxChars = Math.floor(labelW / C.charW);
  const x0 = labelW + C.gap;
  const plotW = C.width - x0 - C.right;
  const x = (pct: number): number => x0 + (Math.max(0, Math.min(100, pct)) / 100) * plotW;
  const height = C.top + bars.length * C.row + C.axis;
  const axisY = C.top + bars.length * C.row;
  const ticks = [0, 25, 50, 75, 100].map(
    (t) =>
      html`<line class="grid" x1="${r2(x(t))}" y1="${C.top}" x2="${r2(x(t))}" y2="${axisY}"/><text class="tick" x="${r2(x(t))}" y="${axisY + 16}" text-anchor="middle">${t}%</text>`,
  );
  const rows = bars.map((b, i) => {
    const cy = C.top + i * C.row + C.row / 2;
    const ci = b.share.ci;
    const end = Math.max(b.share.value, ci ? ci[1] : 0);
    const whisker = ci
      ? html`<g class="whisker"><line x1="${r2(x(ci[0]))}" y1="${cy}" x2="${r2(x(ci[1]))}" y2="${cy}"/><line x1="${r2(x(ci[0]))}" y1="${cy - 5}" x2="${r2(x(ci[0]))}" y2="${cy + 5}"/><line x1="${r2(x(ci[1]))}" y1="${cy - 5}" x2="${r2(x(ci[1]))}" y2="${cy + 5}"/></g>`
      : '';
    const shown = b.share.text ?? fmt1(b.share.value);
    const tip = `${b.label}: ${shown}%${ci ? ` (95% CI ${fmt1(ci[0])}–${fmt1(ci[1])}, Wilson)` : ''}`;
    return html`<g class="row"><title>${tip}</title><text class="label" x="${labelW}" y="${cy}" dy="0.35em" text-anchor="end">${truncate(b.label, maxChars)}</text><rect class="bar${ep.primary ? ' primary' : ''}" x="${r2(x0)}" y="${cy - C.bar / 2}" width="${r2(x(b.share.value) - x0)}" height="${C.bar}"/>${whisker}<text class="value" x="${r2(x(end) + 6)}" y="${cy}" dy="0.35em">${shown}%</text></g>`;
  });
  const anyCi = bars.some((b) => b.share.ci);
  const aria = `Share of patients with ${ep.label} by arm${anyCi ? ', with 95% Wilson intervals' : ''}`;
  const caption = anyCi ? 'Share (%) per arm; whiskers: 95% CI (Wilson, computed) from events/n' : 'Share (%) per arm as reported (no events/n given, so no interval)';
  return html`<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${C.width} ${height}" width="${C.width}" height="${height}" role="img" aria-label="${aria}">${ticks}<line class="axis" x1="${x0}" y1="${axisY}" x2="${r2(x(100))}" y2="${axisY}"/>${rows}</svg><figcaption>${caption}</figcaption></figure>`;
}

function resultsContext(ctx: Ctx): ResultsContext {
  return {
    cell: (content, ...ranges) => ctx.marker.cell(content, ...ranges),
    armLabel: (id) => armLabel(ctx, id),
    armName: (id) => ctx.arms.get(id)?.label ?? id,
  };
}

/** How an endpoint's results are shown: as shares, as measurements, or as times and rates. */
function resultsKind(ep: Endpoint): 'binary' | 'continuous' | 'time-to-event' | 'other' {
  if (ep.type === 'binary' || (ep.type === undefined && ep.results.some((r) => r.events))) return 'binary';
  if (ep.type === 'continuous' || (ep.type === undefined && ep.results.some((r) => r.mean || r.median))) return 'continuous';
  if (ep.type === 'time-to-event') return 'time-to-event';
  return 'other';
}

function endpointSection(ctx: Ctx, ep: Endpoint): SafeHtml {
  const m = ctx.marker;
  const kind = resultsKind(ep);
  const rc = resultsContext(ctx);
  const ordered = resultsInDoseOrder(ctx, ep.results);
  let table: SafeHtml = html``;
  let chart: SafeHtml = html``;
  if (ep.results.length > 0) {
    if (kind === 'binary') {
      // A binary result may give a rate instead of events or a share (format 1.1): then the
      // shares table would be all dashes, and the rates table stands alone.
      const rates = ep.results.some((r) => r.rate);
      const shares = !rates || ep.results.some((r) => r.events || r.n || r.percent);
      table = html`${shares ? binaryTable(ctx, ep) : ''}${rates ? timeToEventTable(rc, ordered) : ''}`;
      chart = barChart(ctx, ep);
    } else if (kind === 'continuous') {
      table = continuousResultsTable(rc, ep, ordered);
      chart = dotPlot(rc, ep, ordered);
    } else if (kind === 'time-to-event') table = timeToEventTable(rc, ordered);
    else table = continuousTable(ctx, ep);
  }
  return html`<article class="endpoint code-line" data-line="${ep.range.start.line}" aria-label="${ep.label}"><h3>${m.cell(ep.label, ep.idRange)}${ep.primary ? html` <span class="badge primary">primary</span>` : ''}${ep.type ? html` <span class="badge">${ep.type}</span>` : ''}${ep.change ? html` <span class="badge">change from baseline</span>` : ''}</h3>${ep.results.length || ep.comparisons.length ? html`<div class="endpoint-body">${table}${chart}${comparisonsTable(ctx, ep.comparisons)}${forestPlots(ctx, ep, ep.comparisons)}</div>` : html`${scaleParagraph(rc, ep)}<p class="muted">No results given.</p>`}</article>`;
}

function resultsSection(ctx: Ctx): SafeHtml {
  const eps = ctx.analysis.model.endpoints;
  if (eps.length === 0) return html``;
  return html`<section class="card results-card" aria-labelledby="results-h"><h2 id="results-h">Results</h2>${eps.map((ep) => endpointSection(ctx, ep))}</section>`;
}

function adverseEventsSection(ctx: Ctx): SafeHtml {
  const aes = ctx.analysis.model.adverseEvents;
  if (aes.length === 0) return html``;
  const m = ctx.marker;
  const used = new Set(aes.flatMap((ae) => ae.results.map((r) => r.armId)));
  const armIds = [...ctx.analysis.model.arms.map((a) => a.id).filter((id) => used.has(id)), ...[...used].filter((id) => !ctx.arms.has(id))];
  const head = armIds.map((id) => {
    const arm = ctx.arms.get(id);
    const n = arm?.analysed ?? arm?.randomized;
    return html`<th scope="col" class="num">${armLabel(ctx, id)}${n ? html`<br><span class="muted">n = ${n.text}</span>` : ''}</th>`;
  });
  const rows = aes.map((ae) => {
    const cells = armIds.map((id) => {
      const r = ae.results.find((x) => x.armId === id);
      if (!r) return html`<td class="num"><span class="muted">—</span></td>`;
      const n = resultN(ctx, r);
      const sh = shareOf(ctx, r);
      const counts = r.events ? html`${m.cell(r.events.text, r.events.range)}${n ? html`/${r.n ? m.cell(n.text, n.range) : n.text}` : ''}` : '';
      const pct = r.percent ? m.cell(r.percent.text, r.percent.range) : sh ? html`<span class="computed" title="computed from events/n">${fmt1(sh.value)}</span>` : '';
      return html`<td class="num">${m.cell(counts, r.keyRange)}${pct ? html` (${pct}%)` : ''}</td>`;
    });
    return html`<tr><th scope="row">${m.cell(ae.term, ae.termRange)}</th>${cells}</tr>`;
  });
  return html`<section class="card ae-card code-line" data-line="${aes[0]!.range.start.line}" aria-labelledby="ae-h"><h2 id="ae-h">Adverse events</h2><div class="table-wrap"><table class="data"><thead><tr><th scope="col">Event</th>${head}</tr></thead><tbody>${rows}</tbody></table></div><p class="note">Events / n (%) per arm.</p></section>`;
}

// ---------------------------------------------------------------------------------------------
// Problems list

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function problemsSection(analysis: Analysis, marker: Marker, options: RenderOptions): SafeHtml {
  const { findings, suppressions } = analysis;
  const count = (s: Severity): number => findings.filter((f) => f.severity === s).length;
  const summary = html`<span class="count error">${plural(count('error'), 'error', 'errors')}</span><span class="count warning">${plural(count('warning'), 'warning', 'warnings')}</span><span class="count info">${count('info')} info</span>`;
  const fmLines = analysis.model.frontMatter?.range;
  const items = findings.map((f, i) => {
    const inFront = !!fmLines && f.range.start.line <= fmLines.end.line;
    const expected = f.expected?.length ? html`<span class="expected">expected ${f.expected.join(' or ')}</span>` : '';
    const related = f.related?.length
      ? html`<ul class="related">${f.related.map((r) => html`<li>${r.message} <span class="loc">(line ${r.range.start.line})</span></li>`)}</ul>`
      : '';
    const content = html`<span class="sev" aria-label="${f.severity}"></span><span class="rule">${f.ruleId}</span><span class="loc">line ${f.range.start.line}${inFront ? ' (front matter)' : ''}</span><span class="msg">${f.message}</span>${expected}`;
    const attrs = html`class="problem ${f.severity}" data-line="${f.range.start.line}" data-column="${f.range.start.column}" data-finding="${i}"`;
    if (options.mode === 'webview') return html`<li ${attrs} tabindex="0" role="button" title="Reveal in editor">${content}${related}</li>`;
    if (marker.anchored.has(i)) return html`<li ${attrs}><a class="problem-link" href="#finding-${i}">${content}</a>${related}</li>`;
    return html`<li ${attrs}>${content}${related}</li>`;
  });
  const list = findings.length
    ? html`<ol class="problem-list">${items}</ol>`
    : html`<p class="all-clear">No problems found.</p>`;
  const suppressed = suppressions.length
    ? html`<details class="suppressions"><summary>${plural(suppressions.length, 'suppressed finding', 'suppressed findings')}</summary><ul>${suppressions.map((s) => html`<li><span class="rule">${s.ruleId}</span> <span class="loc">line ${s.line}</span> <span class="msg">${s.justification}</span></li>`)}</ul></details>`
    : '';
  return html`<section class="card problems" aria-labelledby="problems-h"><h2 id="problems-h">Problems <span class="summary">${summary}</span></h2>${list}${suppressed}</section>`;
}

// ---------------------------------------------------------------------------------------------
// Assembly

function documentTitle(analysis: Analysis, options: RenderOptions): string {
  return analysis.model.trial.title?.value ?? analysis.model.headings.find((h) => h.depth === 1)?.text ?? options.title ?? 'Trial report';
}

/**
 * The inner HTML of the report container (`<main id="report">`): what the webview swaps in on an
 * `update` message. Everything data-derived is escaped or sanitised.
 */
export function renderReportBody(analysis: Analysis, options: RenderOptions): string {
  const { model } = analysis;
  const marker = new Marker(analysis);
  const ctx: Ctx = { analysis, marker, arms: new Map(model.arms.map((a) => [a.id, a])) };
  const banners: SafeHtml[] = [];
  if (!model.isTrialSummary) {
    banners.push(
      html`<div class="banner info" role="note"><strong>This document is not a trial summary</strong> (its name does not end in <code>.trial.md</code> and its front matter has no top-level <code>trial:</code> mapping). It is shown as plain Markdown and is not checked.</div>`,
    );
  }
  const yamlErrors = analysis.findings.filter((f) => f.ruleId === 'TR202');
  if (yamlErrors.length) {
    banners.push(
      html`<div class="banner error" role="alert"><strong>The front matter could not be parsed.</strong> The trial card and tables need valid YAML; the body is shown below.<ul>${yamlErrors.map((f) => html`<li><span class="loc">line ${f.range.start.line}, column ${f.range.start.column}</span> ${f.message}</li>`)}</ul></div>`,
    );
  }
  const data = model.isTrialSummary && model.frontMatter?.data !== undefined
    ? html`${trialCard(ctx)}${armsTable(ctx)}${resultsSection(ctx)}${adverseEventsSection(ctx)}`
    : html``;
  // The body and the data are rendered before the problems list, which links to their marks.
  const body = renderMarkdownBody(analysis, marker);
  const problems = model.isTrialSummary ? problemsSection(analysis, marker, options) : html``;
  const title = documentTitle(analysis, options);
  const sub = options.title && options.title !== title ? html`<p class="subtitle">${options.title}</p>` : '';
  return html`<header class="report-header"><h1>${title}</h1>${sub}</header>${banners}${problems}${data}<section class="document" aria-labelledby="document-h"><h2 id="document-h" class="section-label">Summary text</h2><div class="markdown-body">${body}</div></section><footer class="report-footer">Rendered by trial-report. Intervals labelled “Wilson, computed” are computed from events/n for review; they are not reported values.</footer>`.html;
}

const NONCE = /^[A-Za-z0-9+/=_-]{16,}$/;

/**
 * VS Code's `webview.cspSource` is a list of sources such as `'self' https://*.vscode-cdn.net`;
 * each token must be a source expression, so nothing can close the policy or the attribute.
 */
function checkCspToken(name: string, v: string | undefined): string {
  const tokens = (v ?? '').trim().split(/\s+/).filter(Boolean);
  const ok = (t: string): boolean => t === "'self'" || /^[a-z][a-z0-9+.-]*:(?:\/\/[\w*.+-]+(?::\d+)?(?:\/[\w./-]*)?)?$/i.test(t);
  if (tokens.length === 0 || !tokens.every(ok)) throw new Error(`renderReport: webview mode needs a valid ${name}`);
  return tokens.join(' ');
}

/**
 * A full `<!DOCTYPE html>` document for the webview or for a standalone file. `body`: the
 * report's inner HTML when `renderReportBody` already made it from this analysis with these
 * options elsewhere.
 */
export function renderReport(analysis: Analysis, options: RenderOptions, body?: string): string {
  const title = options.title ?? documentTitle(analysis, options);
  const inner = new SafeHtml(body ?? renderReportBody(analysis, options));
  if (options.mode === 'webview') {
    const nonce = options.nonce;
    if (!nonce || !NONCE.test(nonce)) throw new Error('renderReport: webview mode needs a nonce (16+ base64 characters)');
    const csp = checkCspToken('cspSource', options.cspSource);
    const csPolicy = `default-src 'none'; img-src ${csp} data:; style-src ${csp} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; font-src ${csp};`;
    const version = options.version ?? 0;
    return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csPolicy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${options.styleUri ? html`<link rel="stylesheet" nonce="${nonce}" href="${options.styleUri}">` : ''}
</head>
<body class="trial-report mode-webview" data-version="${version}"${options.source ? html` data-source="${options.source}"` : ''}>
<main id="report">${inner}</main>
${options.scriptUri ? html`<script nonce="${nonce}" src="${options.scriptUri}"></script>` : ''}
</body>
</html>
`.html;
  }
  const css = (options.inlineCss ?? '').replace(/<\/(style)/gi, '<\\/$1');
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="trial-report">
<title>${title}</title>
<style>${new SafeHtml(css)}</style>
</head>
<body class="trial-report mode-standalone">
<main id="report">${inner}</main>
</body>
</html>
`.html;
}
