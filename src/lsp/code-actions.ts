// `textDocument/codeAction`: the extension's quick fixes and fix-all (fixes.ts plans), as LSP
// code actions with the same titles. Without `only`, or with `only` covering `quickfix`: each
// finding's fixes at the range (or of the diagnostics in the request), its justified suppression,
// and "Fix all TRxxx problems in this file (n)". With `only` covering `source.fixAll.trialReport`
// (`source`, `source.fixAll`): every fixable finding at once.
import { type CodeAction, CodeActionKind, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../core/types.js';
import { toEditorRange } from '../extension/convert.js';
import { DIAGNOSTIC_SOURCE } from '../extension/diagnostic-shape.js';
import { type ActionPlan, fixAllPlan, type FixContext, quickFixPlans } from '../extension/fixes.js';
import type { Checked } from './document-checks.js';
import { lspRange, lspTextEdits, lspWorkspaceEdit, rangesMeet, sameRange } from './protocol-convert.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.trialReport`;

/** True when a requested kind covers `kind` (equal, or a prefix of it at a dot). */
function covers(requested: string, kind: string): boolean {
  return requested === '' || requested === kind || kind.startsWith(`${requested}.`);
}

function sameFinding(d: Diagnostic, f: Finding, checked: Checked): boolean {
  return d.source === DIAGNOSTIC_SOURCE && d.code === f.ruleId && d.message === f.message && sameRange(d.range, lspRange(toEditorRange(f.range, checked.lines)));
}

export function codeActions(params: CodeActionParams, checked: Checked, documentChanges: boolean): CodeAction[] {
  const uri = params.textDocument.uri;
  const ctx: FixContext = { text: checked.text, model: checked.analysis.model };
  const findings = checked.analysis.findings;
  const action = (plan: ActionPlan, kind: string, diagnostic?: Diagnostic): CodeAction => ({
    title: plan.title,
    kind,
    ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
    ...(plan.finding ? { isPreferred: plan.preferred } : {}),
    edit: lspWorkspaceEdit(uri, checked.version, lspTextEdits(plan.edits, checked.lines), documentChanges),
  });
  const only = params.context.only;
  if (only && !only.some((k) => covers(k, CodeActionKind.QuickFix))) {
    if (!only.some((k) => covers(k, FIX_ALL_KIND))) return [];
    const plan = fixAllPlan(findings, ctx);
    return plan ? [action(plan, FIX_ALL_KIND)] : [];
  }
  const diagnostics = params.context.diagnostics ?? [];
  const here = findings.filter((f) => rangesMeet(lspRange(toEditorRange(f.range, checked.lines)), params.range) || diagnostics.some((d) => sameFinding(d, f, checked)));
  return quickFixPlans(findings, here, ctx).map((plan) => action(plan, CodeActionKind.QuickFix, plan.finding && diagnostics.find((d) => sameFinding(d, plan.finding!, checked))));
}
