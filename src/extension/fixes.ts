// Quick fixes as pure edit computations over text + core findings (no `vscode`), so a unit test
// can apply every fix of every fixture and check it removes its finding and adds none. The code
// action provider (editing.ts) turns each `Fix` into one WorkspaceEdit.
//
// - A finding's `expected` values are exactly the replacement texts of its range (front matter:
//   YAML text; prose: prose text): one fix per value, "Replace 60% with 60.5%".
// - TR301 (missing section) inserts the heading from the template where the schema's order puts it.
// - Any finding in the body can be suppressed with a justified comment (a snippet asking for the
//   justification); front-matter findings cannot (a comment cannot precede YAML).
// - "Fix all" applies the first expected value of every fixable finding (of one rule, or all).
import { LineIndex } from '../core/lines.js';
import { normalise } from '../core/rules/sections.js';
import type { Finding, Range as CoreRange, TrialModel } from '../core/types.js';
import { sectionPlaceholder } from './template.js';

/** A text edit in core coordinates (1-based line and column, `end` exclusive). */
export interface CoreTextEdit {
  range: CoreRange;
  newText: string;
  /** `newText` is a snippet (`${1:placeholder}`): the editor selects the placeholder. */
  snippet?: boolean;
}

export type FixKind = 'replace' | 'insert-section' | 'suppress';

export interface Fix {
  title: string;
  kind: FixKind;
  ruleId: string;
  finding: Finding;
  edits: CoreTextEdit[];
  /** The fix to apply on Ctrl+. → Enter, and the one fix-all uses. */
  preferred: boolean;
}

export interface FixContext {
  text: string;
  model: TrialModel;
  /** Accepted names of each required section, in order (`requiredSections(schema)`). */
  requiredSections: string[][];
}

/**
 * The core's LineIndex (the same line splitting as every finding), with an offset clamped to
 * the line's own text, as an editor clamps a column past the line's end.
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

function slice(lines: Lines, r: CoreRange): string {
  return lines.text.slice(lines.offset(r.start), lines.offset(r.end));
}

function inFrontMatter(model: TrialModel, r: CoreRange): boolean {
  const fm = model.frontMatter?.range;
  return !!fm && r.start.line >= fm.start.line && r.start.line <= fm.end.line;
}

/** Shortens long texts in titles: "Replace 'a long …' with …". */
function shown(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 40 ? `${one.slice(0, 39)}…` : one;
}

function replaceTitle(finding: Finding, source: string, value: string): string {
  if (finding.ruleId === 'TR201' && source.trim() !== '') return `Replace ${shown(source)} with ${shown(value)}`;
  if (source.trim() === '') return `Insert ${shown(value)}`;
  return `Replace ${shown(source)} with ${shown(value)}`;
}

/** Every quick fix for one finding, best first. */
export function fixesFor(finding: Finding, ctx: FixContext): Fix[] {
  const lines = new Lines(ctx.text);
  const out: Fix[] = [];
  if (finding.ruleId === 'TR301') {
    const fix = insertSectionFix(finding, ctx, lines);
    if (fix) out.push(fix);
  } else if (finding.expected?.length) {
    const source = slice(lines, finding.range);
    finding.expected.forEach((value, i) => {
      if (value === source) return;
      out.push({
        title: replaceTitle(finding, source, value),
        kind: 'replace',
        ruleId: finding.ruleId,
        finding,
        edits: [{ range: finding.range, newText: value }],
        preferred: i === 0,
      });
    });
  }
  const suppress = suppressionFix(finding, ctx, lines);
  if (suppress) out.push(suppress);
  return out;
}

/** The section name TR301 asks for: its `expected` heading, else the message's quoted name. */
function missingSectionName(finding: Finding): string | undefined {
  const h = finding.expected?.[0];
  if (h) return h.replace(/^#+\s*/, '').trim();
  return /"([^"]+)"/.exec(finding.message)?.[1];
}

/**
 * TR301: inserts `## Name` (and a placeholder sentence from the template) where the schema's
 * order puts it: before the first present required section that comes after it, else at the end
 * of the last present one before it, else at the end of the document.
 */
function insertSectionFix(finding: Finding, ctx: FixContext, lines: Lines): Fix | undefined {
  const name = missingSectionName(finding);
  if (!name) return undefined;
  const at = sectionInsertOffset(name, ctx, lines);
  const eol = lines.eol;
  const text = ctx.text;
  const block = `## ${name}${eol}${eol}${sectionPlaceholder(name)}${eol}`;
  let newText: string;
  if (at.before) {
    newText = `${block}${eol}`;
  } else {
    // Appending after a section: make sure one blank line separates it from what precedes.
    const before = text.slice(0, at.offset);
    const lead = before.length === 0 ? '' : before.endsWith(`${eol}${eol}`) ? '' : before.endsWith(eol) ? eol : `${eol}${eol}`;
    const after = text.slice(at.offset);
    newText = `${lead}${block}${after.length && !after.startsWith(eol) ? eol : ''}`;
  }
  const pos = lines.position(at.offset);
  return {
    title: `Insert the missing section "## ${name}"`,
    kind: 'insert-section',
    ruleId: finding.ruleId,
    finding,
    edits: [{ range: { start: pos, end: pos }, newText }],
    preferred: true,
  };
}

function sectionInsertOffset(name: string, ctx: FixContext, lines: Lines): { offset: number; before: boolean } {
  const required = ctx.requiredSections;
  const idx = required.findIndex((names) => names.map(normalise).includes(normalise(name)));
  const sections = ctx.model.sections;
  const indexOf = (i: number): number => {
    const want = (required[i] ?? []).map(normalise);
    return sections.findIndex((s) => want.includes(normalise(s.title)));
  };
  if (idx >= 0) {
    for (let j = idx + 1; j < required.length; j++) {
      const s = indexOf(j);
      if (s >= 0) return { offset: lines.lineStart(sections[s]!.range.start.line), before: true };
    }
    for (let j = idx - 1; j >= 0; j--) {
      const s = indexOf(j);
      if (s >= 0) {
        const next = sections[s + 1];
        if (next) return { offset: lines.lineStart(next.range.start.line), before: true };
        return { offset: ctx.text.length, before: false };
      }
    }
  }
  return { offset: ctx.text.length, before: false };
}

/**
 * `<!-- trial-report-disable-next-line TRxxx -- justification -->` on the line before the finding
 * (a snippet: the justification is a placeholder to type over). Inside a paragraph the comment
 * ends the previous line, so the paragraph (and its sentence linking) stays whole; in a table,
 * a disable/enable pair goes around the table (a comment line would break it).
 */
function suppressionFix(finding: Finding, ctx: FixContext, lines: Lines): Fix | undefined {
  if (finding.ruleId === 'TR901' || finding.ruleId === 'TR202') return undefined;
  if (inFrontMatter(ctx.model, finding.range) || !ctx.model.frontMatter && finding.range.start.line === 1 && finding.range.start.column === 1 && finding.range.end.column === 1) {
    return undefined;
  }
  const id = finding.ruleId;
  const placeholder = '${1:justification}';
  const eol = lines.eol;
  const title = `Suppress ${id} here with a justification comment`;
  const line = finding.range.start.line;
  const table = ctx.model.tables.find((t) => line >= t.range.start.line && line <= t.range.end.line);
  if (table) {
    const startLine = table.range.start.line;
    const endLine = table.range.end.column === 1 && table.range.end.line > startLine ? table.range.end.line - 1 : table.range.end.line;
    const indent = /^\s*/.exec(lines.lineText(startLine))?.[0] ?? '';
    const start = { line: startLine, column: 1 };
    const endCol = lines.lineText(endLine).length + 1;
    const end = { line: endLine, column: endCol };
    return {
      title,
      kind: 'suppress',
      ruleId: id,
      finding,
      edits: [
        { range: { start, end: start }, newText: `${indent}<!-- trial-report-disable ${id} -- ${placeholder} -->${eol}${eol}`, snippet: true },
        { range: { start: end, end }, newText: `${eol}${eol}${indent}<!-- trial-report-enable ${id} -->`, snippet: true },
      ],
      preferred: false,
    };
  }
  const prev = line > 1 ? lines.lineText(line - 1) : '';
  // A suppression comment already ends the previous line: add ours beside it, so both still
  // end on the line before the finding.
  if (prev.includes('trial-report-disable-next-line') && prev.trimEnd().endsWith('-->')) {
    const pos = { line: line - 1, column: prev.trimEnd().length + 1 };
    return { title, kind: 'suppress', ruleId: id, finding, edits: [{ range: { start: pos, end: pos }, newText: ` <!-- trial-report-disable-next-line ${id} -- ${placeholder} -->`, snippet: true }], preferred: false };
  }
  const continuesParagraph = line > 1 && prev.trim() !== '' && !/^\s{0,3}(#|>|[-*+]\s|\d+[.)]\s|```|~~~|<!--|\|)/.test(lines.lineText(line)) && !/^\s{0,3}(#|```|~~~|<!--)/.test(prev) && !/-->\s*$/.test(prev) && !/^\s{0,3}([-*_]\s*){3,}$/.test(prev) && !/^\s{0,3}(=+|-+)\s*$/.test(lines.lineText(line));
  if (continuesParagraph) {
    const endCol = prev.length + 1;
    const pos = { line: line - 1, column: endCol };
    return { title, kind: 'suppress', ruleId: id, finding, edits: [{ range: { start: pos, end: pos }, newText: ` <!-- trial-report-disable-next-line ${id} -- ${placeholder} -->`, snippet: true }], preferred: false };
  }
  const indent = /^\s*/.exec(lines.lineText(line))?.[0] ?? '';
  const pos = { line, column: 1 };
  return { title, kind: 'suppress', ruleId: id, finding, edits: [{ range: { start: pos, end: pos }, newText: `${indent}<!-- trial-report-disable-next-line ${id} -- ${placeholder} -->${eol}`, snippet: true }], preferred: false };
}

/** True when the finding has a fix that `fixAll` would apply. */
export function isAutoFixable(f: Finding): boolean {
  return f.ruleId === 'TR301' || (f.expected?.length ?? 0) > 0;
}

/**
 * `source.fixAll.trialReport`: the preferred fix of every fixable finding (of `ruleId`, or of all
 * rules), skipping any whose edit would overlap one already taken. Edits are in the original
 * document's coordinates, ready for one WorkspaceEdit.
 */
export function fixAllEdits(findings: Finding[], ctx: FixContext, ruleId?: string): { edits: CoreTextEdit[]; fixed: Finding[] } {
  const lines = new Lines(ctx.text);
  const taken: [number, number][] = [];
  const edits: CoreTextEdit[] = [];
  const fixed: Finding[] = [];
  for (const f of findings) {
    if (ruleId && f.ruleId !== ruleId) continue;
    if (!isAutoFixable(f)) continue;
    const fix = fixesFor(f, ctx).find((x) => x.preferred && x.kind !== 'suppress');
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

/** A snippet's text with its placeholders filled with their defaults (what a user who accepts it gets). */
export function snippetDefault(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      out += s[++i];
    } else if (c === '$' && s[i + 1] === '{') {
      // `${1:default}` → default (placeholders here are not nested).
      const colon = s.indexOf(':', i);
      const close = s.indexOf('}', i);
      if (colon > i && close > colon) {
        out += s.slice(colon + 1, close);
        i = close;
      } else out += c;
    } else if (c === '$' && /\d/.test(s[i + 1] ?? '')) {
      while (/\d/.test(s[i + 1] ?? '')) i++;
    } else out += c;
  }
  return out;
}

/** Applies non-overlapping edits to a text (for tests and for hosts without an editor). */
export function applyEdits(text: string, edits: CoreTextEdit[]): string {
  const lines = new Lines(text);
  const spans = edits
    .map((e, i) => ({ from: lines.offset(e.range.start), to: lines.offset(e.range.end), text: e.snippet ? snippetDefault(e.newText) : e.newText, i }))
    .sort((a, b) => b.from - a.from || b.to - a.to || b.i - a.i);
  let out = text;
  for (const s of spans) out = out.slice(0, s.from) + s.text + out.slice(s.to);
  return out;
}
