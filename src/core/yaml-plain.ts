// A one-pass reader for the plain YAML that trial-report front matter is written in: block
// mappings and sequences, one-line flow collections, one-line plain and quoted scalars, simple
// `|`/`>` block scalars, comments. The `yaml` package composes a full document model first and
// spent about a third of a short report's check doing it; this reader gives the same data and the
// same node spans in a fraction of that, or `undefined` for anything outside the subset (anchors,
// tags, plain or quoted scalars over several lines, escapes, tabs, duplicate keys, ...), which the
// `yaml` package then reads.
// It never decides that a document is invalid: every error comes from the full parser.
// test/core/yaml-plain.test.ts checks it against the `yaml` package on every document and on
// thousands of mutated ones.
import type { NodeSpan } from './node-span.js';

export interface PlainYaml {
  data: unknown;
  /** JSON pointer → span, in the order the full reader's walk lists them (offsets in `src`). */
  spans: Map<string, NodeSpan>;
}

/** Thrown inside the reader for anything outside the subset; never escapes it. */
class OutsideSubset extends Error {}

function outside(): never {
  throw new OutsideSubset();
}

interface Line {
  start: number;
  /** Offset of the first non-space character; `end` for a blank line. */
  content: number;
  /** Offset of the line break (or the end of the text). */
  end: number;
  /** A blank line or a comment line: no node on it. */
  empty: boolean;
}

/** A node read: its value, its span `[start, end)` in the full reader's terms, its spans' entries. */
interface Read {
  value: unknown;
  start: number;
  end: number;
  scalar: boolean;
  /** Entries for the nodes inside, pointers relative to this node, in walk order. */
  inner: [string, NodeSpan][];
  /**
   * Where the empty (null) value this node ends with sits, if it ends with one: a collection
   * whose last value is empty ends there, before the line break, rather than after its last line.
   */
  nullEnd?: number;
}

/**
 * Characters the subset leaves to the full parser wherever they appear: tabs and CR (indentation
 * and line-break rules), backslashes (escapes), and characters YAML forbids or treats specially
 * (C0/C1 controls, byte-order marks, line and paragraph separators, U+FFFE/F), and surrogates
 * (characters beyond the BMP are rare in front matter; leaving them out saves checking pairs).
 */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\\\ud800-\udfff\u2028\u2029\ufeff\ufffe\uffff]/;
/** A key the subset reads: starts with a letter or `_`, then letters, digits, `_`, `-`, `.`, spaces. */
const KEY = /^[A-Za-z_][A-Za-z0-9_. -]*$/;
/** Keys the core schema would read as something other than a string, or that toJS treats specially. */
const SPECIAL_KEY = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE|__proto__)$/;
/**
 * First characters that make a scalar something other than a plain one-line string (YAML
 * indicators); `-` before a digit or `.` starts a number and is read.
 */
const INDICATOR = /^(?:[?:,[\]{}#&*!|>'"%@`]|-(?![0-9.]))/;
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** Numbers the core schema reads in forms this reader leaves alone (octal, hex, infinities, NaN). */
const OTHER_NUMBER = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|0o[0-7]+|0x[0-9a-fA-F]+)$/;

/** A mapping key the subset reads, not yet in `map`; anything else throws. */
function checkKey(key: string, map: object): void {
  if (!KEY.test(key) || key.endsWith(' ') || SPECIAL_KEY.test(key) || Object.prototype.hasOwnProperty.call(map, key)) outside();
}

/** Adds a collection entry's span, then the spans inside it, under `pointer`. */
function addEntry(inner: [string, NodeSpan][], pointer: string, read: Read, keySpan?: { keyStart: number; keyEnd: number }): void {
  inner.push([pointer, { start: read.start, end: read.end, scalar: read.scalar, ...keySpan }]);
  for (const [k, v] of read.inner) inner.push([pointer + k, v]);
}

/** The value the core schema gives a plain scalar, or a throw for the forms left to the full parser. */
function plainValue(text: string): unknown {
  switch (text) {
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  if (INT.test(text)) {
    const n = parseInt(text, 10);
    return Number.isSafeInteger(n) ? n : outside();
  }
  if (FLOAT.test(text)) return parseFloat(text);
  if (OTHER_NUMBER.test(text)) outside();
  return text;
}

/**
 * Reads `src` (the text between the front matter's fences) if it is in the subset; span offsets
 * are `offset` plus offsets in `src`.
 */
export function readPlainYaml(src: string, offset = 0): PlainYaml | undefined {
  if (UNSAFE.test(src)) return undefined;
  try {
    return new Reader(src).document(offset);
  } catch (e) {
    if (e instanceof OutsideSubset) return undefined;
    throw e;
  }
}

class Reader {
  private readonly lines: Line[] = [];

  constructor(private readonly src: string) {
    for (let start = 0; start <= src.length; ) {
      let end = src.indexOf('\n', start);
      if (end < 0) end = src.length;
      let content = start;
      while (content < end && src.charCodeAt(content) === 32) content++;
      const empty = content === end || src.charCodeAt(content) === 35; // '#'
      this.lines.push({ start, content: content === end ? end : content, end, empty });
      if (!empty && content === start) {
        // Document markers and directives belong to the full parser.
        if (src.startsWith('---', start) || src.startsWith('...', start) || src.charCodeAt(start) === 37) outside();
      }
      start = end + 1;
    }
  }

  /** Lines that are a block scalar's content (a `#` there is text, not a comment). */
  private readonly scalarLines = new Set<number>();

  /**
   * A comment line indented deeper than the next node's line is counted by the full parser into
   * the collection before it (moving where that collection ends): leave those to it.
   */
  private checkComments(): void {
    let nextIndent = 0;
    for (let k = this.lines.length - 1; k >= 0; k--) {
      const l = this.lines[k]!;
      if (this.scalarLines.has(k)) nextIndent = l.content - l.start;
      else if (!l.empty) nextIndent = l.content - l.start;
      else if (l.content < l.end && l.content - l.start > nextIndent) outside();
    }
  }

  document(offset: number): PlainYaml {
    const first = this.nextContent(0);
    if (first < 0 || this.indent(first) !== 0) return outside();
    const { read, next } = this.block(first, this.lines[first]!.content);
    if (this.nextContent(next) >= 0) outside();
    this.checkComments();
    const spans = new Map<string, NodeSpan>();
    spans.set('', { start: offset + read.start, end: offset + read.end, scalar: read.scalar });
    for (const [k, v] of read.inner) {
      // The spans were made here and are not shared: move them to document offsets in place.
      v.start += offset;
      v.end += offset;
      if (v.keyStart !== undefined) v.keyStart += offset;
      if (v.keyEnd !== undefined) v.keyEnd += offset;
      spans.set(k, v);
    }
    return { data: read.value, spans };
  }

  private indent(i: number): number {
    const l = this.lines[i]!;
    return l.content - l.start;
  }

  /** The first line at or after `i` with a node on it, or -1. */
  private nextContent(i: number): number {
    for (let k = i; k < this.lines.length; k++) if (!this.lines[k]!.empty) return k;
    return -1;
  }

  /** Where a collection whose last node is on line `i` ends: after that line's break. */
  private endAfter(i: number): number {
    return Math.min(this.lines[i]!.end + 1, this.src.length);
  }

  /**
   * A block mapping or sequence whose first entry starts at `at` on line `i` (at column `at -
   * line start`); later entries are the lines at that column. `next` is the line after its last.
   */
  private block(i: number, at: number): { read: Read; next: number } {
    return this.isDash(at) ? this.sequence(i, at) : this.mapping(i, at);
  }

  /** A `-` at `at` followed by a space or the line's end: a sequence entry. */
  private isDash(at: number): boolean {
    if (this.src.charCodeAt(at) !== 45) return false;
    const c = this.src.charCodeAt(at + 1);
    return c === 32 || c === 10 || at + 1 >= this.src.length;
  }

  /** Whether a block scalar's indicator (`>` or `|`) is at `at`. */
  private isBlockScalar(at: number): boolean {
    const c = this.src.charCodeAt(at);
    return c === 62 || c === 124;
  }

  /**
   * A one-line value at `at` on line `i` of an entry at `column`. A more indented line after it
   * would continue it (or be an error): left to the full parser.
   */
  private oneLine(i: number, at: number, column: number): { read: Read; next: number } {
    const read = this.inlineValue(at, this.lines[i]!.end);
    const more = this.nextContent(i + 1);
    if (more >= 0 && this.indent(more) > column) outside();
    return { read, next: i + 1 };
  }

  /**
   * A block collection read from `firstAt` to line `next - 1` (every reader returns the line after
   * its node's last line). It ends after its last line's break,
   * or where the empty value it ends with sits (as the full parser has it).
   */
  private collection(value: unknown, firstAt: number, inner: [string, NodeSpan][], last: Read, next: number): { read: Read; next: number } {
    const end = last.nullEnd ?? this.endAfter(next - 1);
    return { read: { value, start: firstAt, end, scalar: false, inner, ...(last.nullEnd !== undefined ? { nullEnd: last.nullEnd } : {}) }, next };
  }

  private mapping(first: number, firstAt: number): { read: Read; next: number } {
    const column = firstAt - this.lines[first]!.start;
    const value: Record<string, unknown> = {};
    const inner: [string, NodeSpan][] = [];
    let i = first;
    let at = firstAt;
    for (;;) {
      const line = this.lines[i]!;
      const colon = this.keyColon(at, line.end);
      const key = this.src.slice(at, colon);
      checkKey(key, value);
      const keySpan = { keyStart: at, keyEnd: colon };
      const after = this.skipSpaces(colon + 1, line.end);
      // KEY admits no `~` or `/`: the key is its own JSON-pointer segment.
      const pointer = '/' + key;
      let read: Read;
      let next: number;
      if (after === line.end || this.src.charCodeAt(after) === 35) {
        const child = this.nextContent(i + 1);
        const childIndent = child >= 0 ? this.indent(child) : -1;
        const childAt = child >= 0 ? this.lines[child]!.content : -1;
        if (child >= 0 && (childIndent > column || (childIndent === column && this.isDash(childAt)))) {
          ({ read, next } = this.block(child, childAt));
        } else {
          // `key:` and nothing: null, placed where the line ends. With a comment on its line or
          // on the lines after it (which the full parser counts into the collections it ends), leave it.
          if (after < line.end) outside();
          for (let k = i + 1; k < this.lines.length && this.lines[k]!.empty; k++) if (this.lines[k]!.content < this.lines[k]!.end) outside();
          read = { value: null, start: line.end, end: line.end, scalar: true, inner: [], nullEnd: line.end };
          next = i + 1;
        }
      } else if (this.isBlockScalar(after)) {
        ({ read, next } = this.blockScalar(i, after, column));
      } else ({ read, next } = this.oneLine(i, after, column));
      value[key] = read.value;
      addEntry(inner, pointer, read, keySpan);
      const following = this.nextContent(next);
      if (following < 0 || this.indent(following) < column) return this.collection(value, firstAt, inner, read, next);
      if (this.indent(following) > column) outside();
      i = following;
      at = this.lines[i]!.content;
      if (this.isDash(at)) outside(); // a sequence where keys go
    }
  }

  private sequence(first: number, firstAt: number): { read: Read; next: number } {
    const column = firstAt - this.lines[first]!.start;
    const value: unknown[] = [];
    const inner: [string, NodeSpan][] = [];
    let i = first;
    let at = firstAt;
    for (;;) {
      const line = this.lines[i]!;
      const after = this.skipSpaces(at + 1, line.end);
      let read: Read;
      let next: number;
      if (after === line.end || this.src.charCodeAt(after) === 35) {
        // `-` alone: a nested block on the lines below, or null (left to the full parser).
        if (after < line.end && after === at + 1) outside();
        const child = this.nextContent(i + 1);
        if (child < 0 || this.indent(child) <= column) outside();
        ({ read, next } = this.block(child, this.lines[child]!.content));
      } else if (this.isDash(after)) {
        outside(); // `- - x`
      } else if (this.isBlockScalar(after)) {
        ({ read, next } = this.blockScalar(i, after, column));
      } else if (this.hasKeyColon(after, line.end)) {
        // `- key: value`: a mapping whose keys line up with this one.
        ({ read, next } = this.mapping(i, after));
      } else ({ read, next } = this.oneLine(i, after, column));
      addEntry(inner, '/' + String(value.length), read);
      value.push(read.value);
      const following = this.nextContent(next);
      const done = following < 0 || this.indent(following) < column;
      // A key at the sequence's column: the sequence was the value of the key above it.
      const sameColumnOther = !done && this.indent(following) === column && !this.isDash(this.lines[following]!.content);
      if (done || sameColumnOther) return this.collection(value, firstAt, inner, read, next);
      if (this.indent(following) > column) outside();
      i = following;
      at = this.lines[i]!.content;
    }
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar whose indicator is at `at` on line `i`, its
   * content on the lines below, more indented than `parentColumn`. Read: clip and strip chomping
   * (`|`, `|-`), lines of one indentation, blank lines between them in a literal one. Left to the
   * full parser: keep chomping, indentation indicators, a comment after the indicator, leading
   * blank lines, more-indented lines, trailing spaces, blank lines in a folded one.
   */
  private blockScalar(i: number, at: number, parentColumn: number): { read: Read; next: number } {
    const folded = this.src.charCodeAt(at) === 62;
    const line = this.lines[i]!;
    let k = at + 1;
    const strip = this.src.charCodeAt(k) === 45;
    if (strip) k++;
    if (this.skipSpaces(k, line.end) !== line.end) outside();
    const first = this.lines[i + 1];
    if (!first || first.content === first.end) outside();
    const indent = first.content - first.start;
    if (indent <= parentColumn) outside();
    const parts: string[] = [];
    let last = i + 1;
    for (let n = i + 1; n < this.lines.length; n++) {
      const l = this.lines[n]!;
      if (l.content === l.end) {
        // A blank line: inside the scalar if content follows at its indentation.
        if (l.end - l.start > indent) outside();
        parts.push('');
        continue;
      }
      const lineIndent = l.content - l.start;
      if (lineIndent < indent) break;
      if (lineIndent > indent || this.src.charCodeAt(l.end - 1) === 32) outside();
      parts.push(this.src.slice(l.content, l.end));
      last = n;
    }
    for (let n = i + 1; n <= last; n++) this.scalarLines.add(n);
    // Blank lines after the last content line are not the scalar's (clip and strip drop them).
    parts.length = last - i;
    if (folded && parts.includes('')) outside();
    const value = parts.join(folded ? ' ' : '\n') + (strip ? '' : '\n');
    return { read: { value, start: at, end: this.endAfter(last), scalar: true, inner: [] }, next: last + 1 };
  }

  private skipSpaces(from: number, end: number): number {
    let k = from;
    while (k < end && this.src.charCodeAt(k) === 32) k++;
    return k;
  }

  /** Offset of the `:` ending a plain key that starts at `at` (`: ` or `:` at the line's end). */
  private keyColon(at: number, end: number): number {
    for (let k = at; k < end; k++) {
      const c = this.src.charCodeAt(k);
      if (c === 58 && (k + 1 === end || this.src.charCodeAt(k + 1) === 32)) return k;
      if (c === 35 && k > at && this.src.charCodeAt(k - 1) === 32) break;
    }
    return outside();
  }

  /** Whether a plain key and its `:` start at `at` (a `- key: value` entry). */
  private hasKeyColon(at: number, end: number): boolean {
    const c = this.src.charCodeAt(at);
    if (c === 34 || c === 39 || c === 91 || c === 123) {
      // A quoted or flow value; `"a": b` (a quoted key) is left to the full parser.
      const rest = this.src.slice(at, end);
      if (/["'\]}][ ]*:(?: |$)/.test(rest)) outside();
      return false;
    }
    for (let k = at; k < end; k++) {
      const d = this.src.charCodeAt(k);
      if (d === 58 && (k + 1 === end || this.src.charCodeAt(k + 1) === 32)) return true;
      if (d === 35 && this.src.charCodeAt(k - 1) === 32) return false;
    }
    return false;
  }

  /** A value on one line from `at`: a flow collection, a quoted or a plain scalar, then maybe a comment. */
  private inlineValue(at: number, end: number): Read {
    const { read, after } = this.value(at, end, false);
    // After a plain scalar only a comment can follow (plainText stopped there).
    const rest = this.skipSpaces(after, end);
    if (rest < end && !(this.src.charCodeAt(rest) === 35 && rest > after)) outside();
    return read;
  }

  /** A flow collection, a quoted or a plain scalar at `at`; `after` is where it ends. */
  private value(at: number, end: number, inFlow: boolean): { read: Read; after: number } {
    const c = this.src.charCodeAt(at);
    if (c === 91 || c === 123) return this.flow(at, end);
    if (c === 34 || c === 39) return this.quoted(at, end);
    const text = this.plainText(at, end, inFlow);
    return { read: { value: plainValue(text), start: at, end: at + text.length, scalar: true, inner: [] }, after: at + text.length };
  }

  /**
   * A plain scalar's text from `at`: to the line's end or a ` #` comment (in flow context also
   * to `,`, `]` or `}`), trailing spaces dropped. Forms that YAML reads otherwise throw.
   */
  private plainText(at: number, end: number, inFlow: boolean): string {
    let k = at;
    for (; k < end; k++) {
      const c = this.src.charCodeAt(k);
      if (c === 35 && this.src.charCodeAt(k - 1) === 32) break;
      if (c === 58 && (k + 1 === end || this.src.charCodeAt(k + 1) === 32 || inFlow)) outside();
      if (inFlow && (c === 44 || c === 93 || c === 125)) break;
      if (inFlow && (c === 91 || c === 123)) outside();
    }
    let e = k;
    while (e > at && this.src.charCodeAt(e - 1) === 32) e--;
    const text = this.src.slice(at, e);
    if (text === '' || INDICATOR.test(text)) outside();
    return text;
  }

  private quoted(at: number, end: number): { read: Read; after: number } {
    const q = this.src.charCodeAt(at);
    let k = at + 1;
    let value = '';
    for (;;) {
      const close = this.src.indexOf(q === 34 ? '"' : "'", k);
      if (close < 0 || close >= end) return outside(); // over several lines: the full parser folds them
      value += this.src.slice(k, close);
      if (q === 39 && this.src.charCodeAt(close + 1) === 39) {
        value += "'";
        k = close + 2;
        continue;
      }
      return { read: { value, start: at, end: close + 1, scalar: true, inner: [] }, after: close + 1 };
    }
  }

  /** `[a, b]` or `{ k: v }` on one line, nested ones included. */
  private flow(at: number, end: number): { read: Read; after: number } {
    const isMap = this.src.charCodeAt(at) === 123;
    const closeChar = isMap ? 125 : 93;
    const value: object = isMap ? {} : [];
    const inner: [string, NodeSpan][] = [];
    let k = this.skipSpaces(at + 1, end);
    if (this.src.charCodeAt(k) === closeChar) return { read: { value, start: at, end: k + 1, scalar: false, inner }, after: k + 1 };
    for (let index = 0; ; index++) {
      if (k >= end) outside();
      let pointer: string;
      let keySpan: { keyStart: number; keyEnd: number } | undefined;
      if (isMap) {
        const colon = this.src.indexOf(': ', k);
        if (colon < 0 || colon >= end) outside();
        const key = this.src.slice(k, colon);
        checkKey(key, value);
        keySpan = { keyStart: k, keyEnd: colon };
        pointer = '/' + key;
        k = this.skipSpaces(colon + 2, end);
      } else pointer = '/' + String(index);
      const { read, after } = this.value(k, end, true);
      if (isMap) (value as Record<string, unknown>)[pointer.slice(1)] = read.value;
      else (value as unknown[]).push(read.value);
      addEntry(inner, pointer, read, keySpan);
      k = this.skipSpaces(after, end);
      const d = this.src.charCodeAt(k);
      if (d === closeChar) return { read: { value, start: at, end: k + 1, scalar: false, inner }, after: k + 1 };
      if (d !== 44) outside();
      k = this.skipSpaces(k + 1, end);
      // `[a, ]` (a trailing comma) and `[a, , b]` are left to the full parser.
      if (this.src.charCodeAt(k) === closeChar || this.src.charCodeAt(k) === 44) outside();
    }
  }
}
