// The one place where core positions (1-based line and column, `end` exclusive) meet editor
// positions (0-based line and character), the way vscode-eslint keeps a single converter.
// Pure: it takes a minimal view of a document, so `vscode.TextDocument` fits and so does a plain
// string (see `linesOf`), and unit tests need no editor. Bad input is clamped to the document,
// never thrown: a finding from a stale or buggy rule still lands somewhere visible.
import { LineIndex } from '../core/lines.js';
import type { Position as CorePosition, Range as CoreRange } from '../core/types.js';

/** What the converter needs of a document: `vscode.TextDocument` satisfies it structurally. */
export interface TextLines {
  readonly lineCount: number;
  lineAt(line: number): { readonly text: string };
}

/** A 0-based editor position, shaped like `vscode.Position`. */
export interface EditorPosition {
  line: number;
  character: number;
}

/** A 0-based editor range, shaped like `vscode.Range`. */
export interface EditorRange {
  start: EditorPosition;
  end: EditorPosition;
}

function whole(n: number, fallback: number): number {
  return Number.isFinite(n) ? Math.trunc(n) : fallback;
}

/** A 1-based core position as a 0-based editor position inside the document. */
export function toEditorPosition(pos: CorePosition | undefined, lines: TextLines): EditorPosition {
  const lineCount = Math.max(1, lines.lineCount);
  const line1 = whole(pos?.line ?? 1, 1);
  if (line1 > lineCount) {
    // Past the end: the end of the last line.
    const last = lineCount - 1;
    return { line: last, character: lineLength(lines, last) };
  }
  const line = Math.max(0, line1 - 1);
  const character = Math.min(Math.max(0, whole(pos?.column ?? 1, 1) - 1), lineLength(lines, line));
  return { line, character };
}

/** A core range as an editor range inside the document; an inverted range collapses to its start. */
export function toEditorRange(range: CoreRange | undefined, lines: TextLines): EditorRange {
  const start = toEditorPosition(range?.start, lines);
  let end = toEditorPosition(range?.end ?? range?.start, lines);
  if (end.line < start.line || (end.line === start.line && end.character < start.character)) end = { ...start };
  return { start, end };
}

/** A 0-based editor position (a click, a cursor) as a 1-based core position. */
export function toCorePosition(pos: EditorPosition): CorePosition {
  return { line: Math.max(0, whole(pos.line, 0)) + 1, column: Math.max(0, whole(pos.character, 0)) + 1 };
}

/**
 * A 1-based position from outside (a webview message) as a 0-based editor position, clamped.
 * Same as `toEditorPosition`, named for the direction of travel.
 */
export const fromCorePosition = toEditorPosition;

/** True when the range covers no text. */
export function isEmptyRange(r: EditorRange): boolean {
  return r.start.line === r.end.line && r.start.character === r.end.character;
}

function lineLength(lines: TextLines, line: number): number {
  try {
    return lines.lineAt(line).text.length;
  } catch {
    return 0;
  }
}

/**
 * A text's lines as `TextLines`, read from the core's `LineIndex` (so split exactly as findings
 * count them: `\r\n`, `\n` or a lone `\r`). Pass the check's own index where there is one: the
 * language server does, so a keystroke does not split the document a second time.
 */
export function linesOf(source: string | LineIndex): TextLines {
  const index = typeof source === 'string' ? new LineIndex(source) : source;
  return {
    lineCount: index.lineCount,
    lineAt: (line: number) => ({ text: index.lineText(line + 1) }),
  };
}
