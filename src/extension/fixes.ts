// Quick fixes as pure edit computations over text + core findings (no `vscode`), so a unit test
// can apply every fix of every fixture and check it removes its finding and adds none. The code
// action provider (editing.ts) turns each `Fix` into one WorkspaceEdit.
//
// - The fixes themselves are the core's (`Finding.fixes`, src/core/fixes.ts): the same edits the
//   CLI's `--fix` and SARIF apply. The first is preferred.
// - Any finding in the body can also be suppressed with a justified comment (a snippet asking for
//   the justification): an editor affordance, so it lives here. Front-matter findings cannot (a
//   comment cannot precede YAML).
// - "Fix all" applies the preferred fix of every fixable finding (of one rule, or all).
import { applyEdits as applyCoreEdits, Lines, selectFixes } from '../core/fixes.js';
import type { Finding, Range as CoreRange, TrialModel } from '../core/types.js';

export { Lines };

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
}

function inFrontMatter(model: TrialModel, r: CoreRange): boolean {
  const fm = model.frontMatter?.range;
  return !!fm && r.start.line >= fm.start.line && r.start.line <= fm.end.line;
}

/** Every quick fix for one finding, best first: the core's fixes, then a suppression comment. */
export function fixesFor(finding: Finding, ctx: FixContext): Fix[] {
  const lines = new Lines(ctx.text);
  const out: Fix[] = (finding.fixes ?? []).map((fix, i) => ({
    title: fix.title,
    kind: finding.ruleId === 'TR301' ? 'insert-section' : 'replace',
    ruleId: finding.ruleId,
    finding,
    edits: fix.edits.map((e) => ({ range: e.range, newText: e.newText })),
    preferred: i === 0,
  }));
  const suppress = suppressionFix(finding, ctx, lines);
  if (suppress) out.push(suppress);
  return out;
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
  return (f.fixes?.length ?? 0) > 0;
}

/**
 * `source.fixAll.trialReport`: the preferred fix of every fixable finding (of `ruleId`, or of all
 * rules), skipping any whose edit would overlap one already taken. Edits are in the original
 * document's coordinates, ready for one WorkspaceEdit.
 */
export function fixAllEdits(findings: readonly Finding[], ctx: FixContext, ruleId?: string): { edits: CoreTextEdit[]; fixed: Finding[] } {
  return selectFixes(findings, ctx.text, ruleId);
}

/** One code action to offer, editor-free: the extension and the language server wrap it in their types. */
export interface ActionPlan {
  title: string;
  edits: CoreTextEdit[];
  /** Ctrl+. → Enter applies it (a finding's first fix). */
  preferred: boolean;
  /** The finding it fixes (a single finding's fix), to attach its diagnostic. */
  finding?: Finding;
}

/**
 * The quick fixes for the findings `here` (at the cursor, or of the diagnostics in the request):
 * each finding's fixes and suppression, and per fixable rule with more than one fixable finding
 * in the file, "Fix all TRxxx problems in this file (n)".
 */
export function quickFixPlans(findings: readonly Finding[], here: readonly Finding[], ctx: FixContext): ActionPlan[] {
  const out: ActionPlan[] = [];
  const perRule = new Set<string>();
  for (const f of here) {
    for (const fix of fixesFor(f, ctx)) out.push({ title: fix.title, edits: fix.edits, preferred: fix.preferred, finding: f });
    if (isAutoFixable(f) && !perRule.has(f.ruleId)) {
      perRule.add(f.ruleId);
      const { edits, fixed } = fixAllEdits(findings, ctx, f.ruleId);
      if (fixed.length > 1) out.push({ title: `Fix all ${f.ruleId} problems in this file (${fixed.length})`, edits, preferred: false });
    }
  }
  return out;
}

/** `source.fixAll.trialReport`: every fixable finding's preferred fix as one action, or none. */
export function fixAllPlan(findings: readonly Finding[], ctx: FixContext): ActionPlan | undefined {
  const { edits, fixed } = fixAllEdits(findings, ctx);
  return edits.length ? { title: `Fix all auto-fixable Trial Report problems (${fixed.length})`, edits, preferred: false } : undefined;
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

/** Applies non-overlapping edits to a text, snippets with their defaults (for tests and for hosts without an editor). */
export function applyEdits(text: string, edits: CoreTextEdit[]): string {
  return applyCoreEdits(text, edits.map((e) => ({ range: e.range, newText: e.snippet ? snippetDefault(e.newText) : e.newText })));
}
