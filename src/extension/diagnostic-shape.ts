// A finding as an editor diagnostic, in plain data (no `vscode`): the range and related places
// converted to 0-based editor ranges, the rule id as the code, the rule's page. Shared by the
// extension (diagnostics.ts wraps it in `vscode.Diagnostic`) and the language server (src/lsp),
// so both show the same diagnostic for the same finding.
import type { Finding, Severity } from '../core/types.js';
import { type EditorRange, type TextLines, toEditorRange } from './convert.js';

/** A diagnostic's `source` (docs/architecture.md, names contract). */
export const DIAGNOSTIC_SOURCE = 'trial-report';

export interface DiagnosticShape {
  range: EditorRange;
  message: string;
  severity: Severity;
  /** The diagnostic's `code`, linked to its page (`ruleDocPath`). */
  ruleId: string;
  /** Where the other numbers are declared (empty when the finding names none). */
  related: { range: EditorRange; message: string }[];
}

export function diagnosticShape(f: Finding, lines: TextLines): DiagnosticShape {
  return {
    range: toEditorRange(f.range, lines),
    message: f.message,
    severity: f.severity,
    ruleId: f.ruleId,
    related: (f.related ?? []).map((r) => ({ range: toEditorRange(r.range, lines), message: r.message })),
  };
}

/** A rule's documentation page, as path segments below the package root: docs/rules/<id>.md. */
export function ruleDocPath(ruleId: string): string[] {
  return ['docs', 'rules', `${ruleId}.md`];
}
