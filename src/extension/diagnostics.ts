// Findings → the 'trial-report' DiagnosticCollection. Checks at once on open and save, about
// `trialReport.debounceMs` after the last edit (per document), drops a result whose document
// version moved on, and clears a document's diagnostics when it closes.
import * as vscode from 'vscode';
import type { Finding } from '../core/types.js';
import { type Analyzer, isCheckableMarkdown, type Outcome } from './analyzer.js';
import type { EditorRange, TextLines } from './convert.js';
import { DIAGNOSTIC_SOURCE, diagnosticShape, ruleDocPath } from './diagnostic-shape.js';
import type { Logger } from './log.js';
import { Debouncer, VersionGuard } from './scheduler.js';

export { DIAGNOSTIC_SOURCE };

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function vsRange(r: EditorRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** Rule documentation shipped in the VSIX: docs/rules/<id>.md. */
export function ruleDocUri(extensionUri: vscode.Uri, ruleId: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, ...ruleDocPath(ruleId));
}

export function toDiagnostic(f: Finding, lines: TextLines, uri: vscode.Uri, extensionUri: vscode.Uri): vscode.Diagnostic {
  const shape = diagnosticShape(f, lines);
  const d = new vscode.Diagnostic(vsRange(shape.range), shape.message, SEVERITY[shape.severity] ?? vscode.DiagnosticSeverity.Information);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: shape.ruleId, target: ruleDocUri(extensionUri, shape.ruleId) };
  if (shape.related.length) {
    d.relatedInformation = shape.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, vsRange(r.range)), r.message));
  }
  return d;
}

export class DiagnosticsController implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('trial-report');
  private readonly debouncer = new Debouncer<string>();
  private readonly guard = new VersionGuard<string>();
  private readonly tooLargeShown = new Set<string>();
  /** Documents known to be trial summaries, for the editor-title `when` clause. */
  private readonly trialSummaries = new Map<string, vscode.Uri>();
  private contextTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly analyzer: Analyzer,
    private readonly log: Logger,
  ) {}

  /** Listens to document events and checks the Markdown documents already open. */
  start(): void {
    const ws = vscode.workspace;
    this.disposables.push(
      this.collection,
      ws.onDidOpenTextDocument(this.log.guard('check on open', (doc: vscode.TextDocument) => this.check(doc, 0))),
      ws.onDidSaveTextDocument(this.log.guard('check on save', (doc: vscode.TextDocument) => this.onSave(doc))),
      ws.onDidChangeTextDocument(this.log.guard('check on change', (e: vscode.TextDocumentChangeEvent) => {
        if (e.contentChanges.length === 0) return;
        this.check(e.document, this.analyzer.settingsFor(e.document.uri).debounceMs);
      })),
      ws.onDidCloseTextDocument(this.log.guard('clear on close', (doc: vscode.TextDocument) => this.clear(doc.uri))),
    );
    this.recheckOpen();
  }

  /** Checks a document now (`delayMs` 0) or after `delayMs` without further edits. */
  check(doc: vscode.TextDocument, delayMs: number): void {
    if (!isCheckableMarkdown(doc)) return;
    const key = doc.uri.toString();
    if (delayMs <= 0) {
      this.debouncer.cancel(key);
      void this.run(doc);
    } else {
      this.debouncer.schedule(key, delayMs, () => void this.run(doc));
    }
  }

  /** Re-checks every open Markdown document (settings, trust or a schema changed). */
  recheckOpen(): void {
    this.guard.forgetAll();
    for (const doc of vscode.workspace.textDocuments) this.check(doc, 0);
  }

  /** Settings changed: results of unopened files (workspace check) are stale, so drop them. */
  onSettingsChanged(): void {
    this.analyzer.invalidate();
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    this.collection.forEach((uri) => {
      if (!open.has(uri.toString())) this.collection.delete(uri);
    });
    this.recheckOpen();
  }

  private onSave(doc: vscode.TextDocument): void {
    // A saved JSON file may be a custom schema a trial summary uses: re-check everything.
    if (doc.languageId === 'json' || doc.languageId === 'jsonc' || doc.fileName.endsWith('.json')) {
      this.analyzer.invalidate();
      this.recheckOpen();
      return;
    }
    this.check(doc, 0);
  }

  private async run(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    const ticket = this.guard.begin(key, doc.version);
    try {
      const outcome = await this.analyzer.analyze(doc);
      if (!this.guard.isCurrent(ticket, doc.isClosed ? undefined : doc.version) || outcome.version !== ticket.version) return;
      this.publish(doc.uri, doc, outcome);
    } catch (e) {
      this.log.error(`Checking ${vscode.workspace.asRelativePath(doc.uri)}`, e);
    }
  }

  /** Publishes an outcome for a document (open or read from disk). */
  publish(uri: vscode.Uri, lines: TextLines, outcome: Outcome, opts: { quiet?: boolean } = {}): void {
    const key = uri.toString();
    if (outcome.kind === 'checked') {
      this.collection.set(uri, outcome.analysis.findings.map((f) => toDiagnostic(f, lines, uri, this.extensionUri)));
      this.setTrialSummary(uri, true);
      return;
    }
    this.collection.delete(uri);
    if (outcome.kind === 'too-large') {
      this.setTrialSummary(uri, true);
      if (!opts.quiet && !this.tooLargeShown.has(key)) {
        this.tooLargeShown.add(key);
        const name = vscode.workspace.asRelativePath(uri);
        this.log.info(`${name} is ${outcome.size} bytes, over trialReport.maxFileSize (${outcome.max}); not checked.`);
        void vscode.window.showInformationMessage(`Trial Report: ${name} is larger than trialReport.maxFileSize (${outcome.max} bytes), so it is not checked.`);
      }
      return;
    }
    this.setTrialSummary(uri, false);
  }

  clear(uri: vscode.Uri): void {
    const key = uri.toString();
    this.debouncer.cancel(key);
    this.guard.forget(key);
    this.analyzer.forget(uri);
    this.collection.delete(uri);
    this.setTrialSummary(uri, false);
  }

  isKnownTrialSummary(uri: vscode.Uri): boolean {
    return this.trialSummaries.has(uri.toString());
  }

  private setTrialSummary(uri: vscode.Uri, yes: boolean): void {
    const key = uri.toString();
    if (yes === this.trialSummaries.has(key)) return;
    if (yes) this.trialSummaries.set(key, uri);
    else this.trialSummaries.delete(key);
    // Batch context updates: `resourcePath in trialReport.trialSummaryPaths` in package.json.
    this.contextTimer ??= setTimeout(() => {
      this.contextTimer = undefined;
      const paths = new Set<string>();
      for (const u of this.trialSummaries.values()) {
        paths.add(u.fsPath);
        paths.add(u.path);
      }
      void vscode.commands.executeCommand('setContext', 'trialReport.trialSummaryPaths', [...paths]);
    }, 50);
  }

  dispose(): void {
    this.debouncer.dispose();
    if (this.contextTimer) clearTimeout(this.contextTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
