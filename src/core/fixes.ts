// Fixes as edits, shared by every host: the editor's quick fixes and fix-all, the CLI's `--fix`
// and `--fix-dry-run`, and SARIF's `fixes`. A rule says what its fix means: by default its
// `expected` values replace the finding's range, one fix each, best first; a rule whose fix is
// something else (TR301 inserts a section elsewhere) builds its own (`Rule.fix`).
import { LineIndex } from './lines.js';
import type { FixContext, Rule } from './rules/rule.js';
import type { Finding, Fix, Range, TextEdit } from './types.js';

/**
 * The core's LineIndex (the same line splitting as every finding), with an offset clamped to the
 * line's own text, as an editor clamps a column past the line's end.
 */
export class Lines extends LineIndex {
  /** 1-based position → offset, clamped to the text of its line. */
  override offset(pos: { line: number; column: number }): number {
    const line = Math.min(Math.max(1, pos.line), this.lineCount);
    const start = this.lineStart(line);
    const end = pos.line > this.lineCount ? this.text.length : start + this.lineText(line).length;
    return Math.min(start + Math.max(0, pos.column - 1), Math.max(start, end));
  }
  /** The newline the document uses. */
  get eol(): string {
    return /\r\n/.test(this.text) ? '\r\n' : /\r/.test(this.text) ? '\r' : '\n';
  }
}

/** Shortens long texts in titles: "Replace 'a long …' with …". */
export function shown(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 40 ? `${one.slice(0, 39)}…` : one;
}

function slice(lines: LineIndex, r: Range): string {
  return lines.text.slice(lines.offset(r.start), lines.offset(r.end));
}

/** The default meaning of `expected`: each value replaces the finding's range. */
export function replacementFixes(finding: Finding, lines: LineIndex): Fix[] {
  const source = slice(lines, finding.range);
  const out: Fix[] = [];
  for (const value of finding.expected ?? []) {
    if (value === source) continue;
    const title = source.trim() === '' ? `Insert ${shown(value)}` : `Replace ${shown(source)} with ${shown(value)}`;
    out.push({ title, edits: [{ range: finding.range, newText: value }] });
  }
  return out;
}

/** The fixes of one finding from its rule, or none when the rule is not fixable. */
export function fixesOf(finding: Finding, rule: Rule | undefined, ctx: FixContext): Fix[] {
  if (!rule?.fixable) return [];
  return rule.fix ? rule.fix(finding, ctx) : replacementFixes(finding, ctx.lines);
}

/**
 * The preferred fix of every finding that has one (of `ruleId`, or of all rules), skipping any
 * whose edits would overlap an edit already taken. Edits are in the original text's coordinates.
 */
export function selectFixes(findings: readonly Finding[], text: string, ruleId?: string): { edits: TextEdit[]; fixed: Finding[] } {
  const lines = new Lines(text);
  const taken: [number, number][] = [];
  const edits: TextEdit[] = [];
  const fixed: Finding[] = [];
  for (const f of findings) {
    if (ruleId && f.ruleId !== ruleId) continue;
    const fix = f.fixes?.[0];
    if (!fix) continue;
    const spans = fix.edits.map((e) => [lines.offset(e.range.start), lines.offset(e.range.end)] as [number, number]);
    // Two insertions at one point are fine (headings in order); overlapping replacements are not.
    const clash = spans.some(([a, b]) => taken.some(([c, d]) => (a < d && c < b) || (a === c && b === d && a !== b)));
    if (clash) continue;
    taken.push(...spans);
    edits.push(...fix.edits);
    fixed.push(f);
  }
  return { edits, fixed };
}

/** Applies non-overlapping edits to a text; edits at one point keep their order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new Lines(text);
  const spans = edits
    .map((e, i) => ({ from: lines.offset(e.range.start), to: lines.offset(e.range.end), text: e.newText, i }))
    .sort((a, b) => b.from - a.from || b.to - a.to || b.i - a.i);
  let out = text;
  for (const s of spans) out = out.slice(0, s.from) + s.text + out.slice(s.to);
  return out;
}
