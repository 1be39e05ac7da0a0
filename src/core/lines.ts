import type { Position, Range } from './types.js';

/**
 * Converts 0-based UTF-16 offsets to 1-based line/column positions, the coordinates of every
 * finding. Built once per document; lookups are a binary search.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    // Built on every check, so on a long report the scan counts: without a CR, indexOf (native)
    // finds the line breaks several times faster than a loop over every character.
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    let o = Math.max(0, Math.min(offset, this.text.length));
    // Between the CR and the LF of one line break is still the end of that line.
    if (o > 0 && this.text.charCodeAt(o) === 10 && this.text.charCodeAt(o - 1) === 13) o--;
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - (this.starts[lo] ?? 0) + 1 };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  offset(pos: Position): number {
    const start = this.starts[Math.max(0, Math.min(pos.line - 1, this.starts.length - 1))] ?? 0;
    return Math.min(this.text.length, start + Math.max(0, pos.column - 1));
  }

  /** Offset where a 1-based line starts (the text's end for a line past the last). */
  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.text.length;
  }

  /** A line's text, without its line break. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    let end = this.starts[line] ?? this.text.length;
    while (end > start && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    return this.text.slice(start, end);
  }

  /** Range of a whole line's text, without its line break. */
  lineRange(line: number): Range {
    const start = this.lineStart(line);
    return this.range(start, start + this.lineText(line).length);
  }
}

export const START: Range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
