// Diagnostics, pushed (`textDocument/publishDiagnostics`) or pulled (`textDocument/diagnostic`,
// when the client advertises it; then nothing is pushed). Pushed: a document is checked at once
// when it opens and `trialReport.debounceMs` after its last change; a newer version supersedes a
// check that has not run yet, and a result is published only if its version is still the
// document's. Pulled: the request's cancellation token is honoured before and after the check,
// and a request overtaken by a newer version answers ServerCancelled so the client asks again.
import { type Connection, type Diagnostic, type DocumentDiagnosticParams, type DocumentDiagnosticReport, LSPErrorCodes, ResponseError, type CancellationToken, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentChecks, Outcome } from './document-checks.js';
import type { ServerLog } from './guard.js';
import { toLspDiagnostic } from './protocol-convert.js';
import type { SettingsSource } from './settings-source.js';

/** Lets messages that arrived meanwhile (a newer version, a cancellation) be read before a check. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function diagnosticsOf(outcome: Outcome | undefined, uri: string): Diagnostic[] {
  return outcome?.kind === 'checked' ? outcome.analysis.findings.map((f) => toLspDiagnostic(f, outcome.lines, uri)) : [];
}

export function isResponseError(e: unknown): boolean {
  return e instanceof ResponseError;
}

export class DiagnosticsService {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly resultIds = new WeakMap<Outcome, string>();
  private nextResultId = 1;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly checks: DocumentChecks,
    private readonly settings: SettingsSource,
    private readonly log: ServerLog,
    private readonly mode: { pull: boolean; refresh: boolean },
  ) {}

  opened(uri: string): void {
    if (!this.mode.pull) this.schedule(uri, 0);
  }

  changed(uri: string): void {
    if (this.mode.pull) return;
    this.settings.get(uri).then(
      (s) => this.schedule(uri, s.debounceMs),
      (e: unknown) => this.log.error(`Settings of ${uri}`, e),
    );
  }

  closed(uri: string): void {
    this.cancel(uri);
    this.checks.forget(uri);
    if (!this.mode.pull) void this.connection.sendDiagnostics({ uri, diagnostics: [] }).catch((e: unknown) => this.log.error(`Clearing ${uri}`, e));
  }

  /** Settings or trust changed: check every open document again (pull: ask the client to). */
  recheckAll(): void {
    this.checks.invalidate();
    if (this.mode.pull) {
      if (this.mode.refresh) this.connection.languages.diagnostics.refresh();
      return;
    }
    for (const doc of this.documents.all()) this.schedule(doc.uri, 0);
  }

  /** `textDocument/diagnostic`. */
  async pull(params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const uri = params.textDocument.uri;
    const asked = this.documents.get(uri)?.version;
    if (asked === undefined) return { kind: 'full', items: [] };
    await nextTurn();
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    const outcome = await this.checks.check(uri, () => this.documents.get(uri));
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    if (!outcome) return { kind: 'full', items: [] };
    if (outcome.version !== asked) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'a newer version of the document superseded this request', { retriggerRequest: true });
    let resultId = this.resultIds.get(outcome);
    if (!resultId) this.resultIds.set(outcome, (resultId = String(this.nextResultId++)));
    if (params.previousResultId === resultId) return { kind: 'unchanged', resultId };
    return { kind: 'full', resultId, items: diagnosticsOf(outcome, uri) };
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(uri);
  }

  /** Checks the document after `ms` (0: on the next turn); a later call for it replaces this one. */
  private schedule(uri: string, ms: number): void {
    this.cancel(uri);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.push(uri).catch((e: unknown) => this.log.error(`Checking ${uri}`, e));
      }, ms),
    );
  }

  private async push(uri: string): Promise<void> {
    const outcome = await this.checks.check(uri, () => this.documents.get(uri));
    const now = this.documents.get(uri);
    // Closed, or a newer version arrived while the settings were asked for: its own check publishes.
    if (!outcome || !now || now.version !== outcome.version || this.timers.has(uri)) return;
    await this.connection.sendDiagnostics({ uri, version: outcome.version, diagnostics: diagnosticsOf(outcome, uri) });
  }
}
