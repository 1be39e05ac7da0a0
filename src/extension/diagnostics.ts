// What the extension still does around diagnostics, which the language server publishes (through
// client.ts, into the 'trial-report' collection): the diagnostics of files Check Workspace read
// without opening them (the server's answers to `trialReport/checkFile`, kept in a collection of
// their own until the file opens or the settings change), the `trialReport.trialSummaryPaths`
// context of the editor-title buttons, and the one-time note on a file over trialReport.maxFileSize.
import * as vscode from 'vscode';
import { isCheckableMarkdown, type SettingsReader } from './documents.js';
import type { EditorRange } from './convert.js';
import { DIAGNOSTIC_SOURCE } from './diagnostic-shape.js';
import type { Logger } from './log.js';
import { mayBeTrialSummary } from './settings.js';

export { DIAGNOSTIC_SOURCE };

export function vsRange(r: EditorRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export class DiagnosticsController implements vscode.Disposable {
  /** Check Workspace's diagnostics of files not open in an editor (the server publishes the open ones). */
  readonly collection = vscode.languages.createDiagnosticCollection('trial-report-workspace');
  private readonly tooLargeShown = new Set<string>();
  /** Documents known to be trial summaries, for the editor-title `when` clause. */
  private readonly trialSummaries = new Map<string, vscode.Uri>();
  private contextTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly settings: SettingsReader,
    private readonly log: Logger,
  ) {}

  /** Listens to document events and looks at the Markdown documents already open. */
  start(): void {
    const ws = vscode.workspace;
    this.disposables.push(
      this.collection,
      ws.onDidOpenTextDocument(this.log.guard('document opened', (doc: vscode.TextDocument) => this.look(doc, true))),
      ws.onDidChangeTextDocument(this.log.guard('document changed', (e: vscode.TextDocumentChangeEvent) => {
        if (e.contentChanges.length) this.look(e.document, false);
      })),
      ws.onDidCloseTextDocument(this.log.guard('document closed', (doc: vscode.TextDocument) => this.setTrialSummary(doc.uri, false))),
    );
    for (const doc of ws.textDocuments) this.look(doc, true);
  }

  /** Settings changed: results of unopened files (workspace check) are stale, so drop them. */
  onSettingsChanged(): void {
    this.collection.clear();
    for (const doc of vscode.workspace.textDocuments) this.look(doc, false);
  }

  /** Check Workspace's answer for a file: shown here only while the file is not open. */
  publishUnopened(uri: vscode.Uri, diagnostics: vscode.Diagnostic[], trialSummary: boolean): void {
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return;
    if (diagnostics.length) this.collection.set(uri, diagnostics);
    else this.collection.delete(uri);
    this.setTrialSummary(uri, trialSummary);
  }

  /** An open (or edited) document: the server now publishes its diagnostics; is it a trial summary? */
  private look(doc: vscode.TextDocument, opened: boolean): void {
    if (!isCheckableMarkdown(doc)) return;
    if (opened) this.collection.delete(doc.uri);
    const settings = this.settings.settingsFor(doc.uri);
    // Runs on every keystroke: the document's text is built only when its name does not say.
    const trial = settings.enable && mayBeTrialSummary(doc.fileName, () => doc.getText());
    this.setTrialSummary(doc.uri, trial);
    const key = doc.uri.toString();
    // Count the UTF-8 bytes only when the note is still to show and the text could be over (at
    // most 3 bytes per UTF-16 unit; the length comes from the editor without building the text).
    const length = doc.offsetAt(new vscode.Position(doc.lineCount, 0));
    if (!trial || settings.maxFileSize <= 0 || this.tooLargeShown.has(key) || length * 3 <= settings.maxFileSize) return;
    const size = Buffer.byteLength(doc.getText(), 'utf8');
    if (size > settings.maxFileSize) {
      this.tooLargeShown.add(key);
      const name = vscode.workspace.asRelativePath(doc.uri);
      this.log.info(`${name} is ${size} bytes, over trialReport.maxFileSize (${settings.maxFileSize}); not checked.`);
      void vscode.window.showInformationMessage(`Trial Report: ${name} is larger than trialReport.maxFileSize (${settings.maxFileSize} bytes), so it is not checked.`);
    }
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
    if (this.contextTimer) clearTimeout(this.contextTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
