// Core findings and edits as LSP values. Positions go through the extension's converter
// (convert.ts: 1-based core ranges to 0-based editor ranges, clamped), and a finding's
// diagnostic is the extension's (diagnostic-shape.ts), so both editors show the same thing.
// LSP ranges are UTF-16 based, as the core's columns and VS Code's are.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Diagnostic, DiagnosticSeverity, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../core/types.js';
import { type EditorRange, type TextLines, toEditorRange } from '../extension/convert.js';
import { DIAGNOSTIC_SOURCE, diagnosticShape, ruleDocPath } from '../extension/diagnostic-shape.js';
import { type CoreTextEdit, snippetDefault } from '../extension/fixes.js';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** The package root: dist/cli.js's parent, where docs/rules/ ships (npm package and repository). */
const PACKAGE_ROOT = path.join(__dirname, '..');
let docsShipped: boolean | undefined;

/** The `file:` URL of a rule's page, or undefined when the docs are not beside the server. */
export function ruleDocHref(ruleId: string): string | undefined {
  docsShipped ??= fs.existsSync(path.join(PACKAGE_ROOT, 'docs', 'rules'));
  return docsShipped ? pathToFileURL(path.join(PACKAGE_ROOT, ...ruleDocPath(ruleId))).href : undefined;
}

export function lspRange(r: EditorRange): Range {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

export function toLspDiagnostic(f: Finding, lines: TextLines, uri: string): Diagnostic {
  const shape = diagnosticShape(f, lines);
  const href = ruleDocHref(shape.ruleId);
  return {
    range: lspRange(shape.range),
    severity: SEVERITY[shape.severity] ?? DiagnosticSeverity.Information,
    code: shape.ruleId,
    ...(href ? { codeDescription: { href } } : {}),
    source: DIAGNOSTIC_SOURCE,
    message: shape.message,
    ...(shape.related.length ? { relatedInformation: shape.related.map((r) => ({ location: { uri, range: lspRange(r.range) }, message: r.message })) } : {}),
  };
}

/** Core edits as LSP text edits; a snippet's placeholders take their defaults (LSP 3.17 edits have no snippets). */
export function lspTextEdits(edits: readonly CoreTextEdit[], lines: TextLines): TextEdit[] {
  return edits.map((e) => ({ range: lspRange(toEditorRange(e.range, lines)), newText: e.snippet ? snippetDefault(e.newText) : e.newText }));
}

/** A workspace edit of one document: versioned `documentChanges` when the client takes them. */
export function lspWorkspaceEdit(uri: string, version: number, edits: TextEdit[], documentChanges: boolean): WorkspaceEdit {
  return documentChanges ? { documentChanges: [{ textDocument: { uri, version }, edits }] } : { changes: { [uri]: edits } };
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** True when two ranges share a position (touching counts, as `vscode.Range.intersection`). */
export function rangesMeet(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']): boolean => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
