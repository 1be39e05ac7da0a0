// The extension as the language server's client (vscode-languageclient): diagnostics, quick
// fixes, fix-all (also `source.fixAll.trialReport` on save), hovers and completion all come from
// the language server (src/lsp), dist/extension-core.js started in a Node process of its own
// (extension-core.ts), so no check for them runs on the extension host's thread. Trust goes over as
// `initializationOptions.trusted`; granting it restarts the server, which then loads schemas.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  type CodeAction,
  CodeActionRequest,
  type FeatureState,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  type StaticFeature,
  TransportKind,
} from 'vscode-languageclient/node';
import type { CheckFileParams, CheckFileResult } from '../lsp/check-file.js';
import { ANALYSIS_REQUEST, CHECK_FILE_REQUEST, RENDER_REQUEST } from '../lsp/methods.js';
import type { AnalysisResult, RenderParams, RenderResult, ReportParams } from '../lsp/report.js';
import type { RenderOptions } from '../preview/render.js';
import { CHECKED_SCHEMES } from './documents.js';
import type { Logger } from './log.js';

/** The language server's `source.fixAll` kind (src/lsp/code-actions.ts). */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('trialReport');

/** The documents the server is told about: Markdown in the user's own schemes (documents.ts). */
export const DOCUMENT_SELECTOR = [...CHECKED_SCHEMES].map((scheme) => ({ language: 'markdown', scheme }));

/**
 * Keeps diagnostics pushed: the server publishes `trialReport.debounceMs` after the last edit and
 * drops superseded versions itself, as the extension did before it had a server. Runs after the
 * built-in features fill the capabilities, and takes back the pull-diagnostics one.
 */
const pushDiagnostics: StaticFeature = {
  fillClientCapabilities(capabilities) {
    if (capabilities.textDocument) delete capabilities.textDocument.diagnostic;
  },
  initialize() {},
  getState(): FeatureState {
    return { kind: 'static' };
  },
  clear() {},
};

export class ServerClient implements vscode.Disposable {
  readonly client: LanguageClient;
  private starting: Promise<void>;
  private readonly schemaWatcher = vscode.workspace.createFileSystemWatcher('**/*.json');

  constructor(context: vscode.ExtensionContext, private readonly log: Logger) {
    const module = context.asAbsolutePath(path.join('dist', 'extension-core.js'));
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.stdio },
      debug: { module, transport: TransportKind.stdio },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      diagnosticCollectionName: 'trial-report',
      // Read at every (re)start: a restart after trust is granted passes the new value.
      initializationOptions: () => ({ trusted: vscode.workspace.isTrusted }),
      // Settings changes, and changed JSON files (a custom schema a report uses) re-check.
      synchronize: { configurationSection: 'trialReport', fileEvents: this.schemaWatcher },
      outputChannel: log.channel,
    };
    this.client = new LanguageClient('trialReport', 'Trial Report', serverOptions, clientOptions);
    this.client.registerFeature(pushDiagnostics);
    this.starting = this.start();
  }

  private start(): Promise<void> {
    return this.client.start().catch((e: unknown) => this.log.error('Starting the Trial Report language server', e));
  }

  /** Trust granted: a new server, started trusted (custom schemas now load). */
  async restart(): Promise<void> {
    await this.starting;
    this.starting = this.client.restart().catch((e: unknown) => this.log.error('Restarting the Trial Report language server', e));
    await this.starting;
  }

  /** The server's diagnostics of a file (open: as the editor has it; else `text`, read by the caller). */
  async checkFile(uri: vscode.Uri, text: string): Promise<{ result: CheckFileResult; diagnostics: vscode.Diagnostic[] }> {
    await this.starting;
    const c2p = this.client.code2ProtocolConverter;
    const params: CheckFileParams = { textDocument: { uri: c2p.asUri(uri) }, text };
    const result = await this.client.sendRequest<CheckFileResult>(CHECK_FILE_REQUEST, params);
    return { result, diagnostics: await this.client.protocol2CodeConverter.asDiagnostics(result.diagnostics) };
  }

  /**
   * The checklist's and status bar's data for a document's current version (`trialReport/analysis`).
   * `text` goes along for a document the server may not have open (closed, or just opened).
   */
  async analysis(doc: vscode.TextDocument, text?: string): Promise<AnalysisResult> {
    return this.report<AnalysisResult>(ANALYSIS_REQUEST, doc, {}, text);
  }

  /** The preview's or the export's HTML of a document's current version (`trialReport/render`). */
  async render(doc: vscode.TextDocument, options: RenderOptions, part: RenderParams['part'], text?: string): Promise<RenderResult> {
    return this.report<RenderResult>(RENDER_REQUEST, doc, { options, part }, text);
  }

  /** Asks about an open document; if the server does not have it (yet), asks again with its text. */
  private async report<R extends { version: number } | null>(method: string, doc: vscode.TextDocument, extra: object, text?: string): Promise<R> {
    await this.starting;
    const uri = this.client.code2ProtocolConverter.asUri(doc.uri);
    const ask = (t: string | undefined): Promise<R> => this.client.sendRequest<R>(method, { textDocument: { uri }, ...extra, ...(t !== undefined ? { text: t } : {}) } satisfies ReportParams);
    // Checked from the text sent (version 0, as the server has no version for it): the document's version now.
    const fromText = (a: R): R => (a && a.version === 0 ? { ...a, version: doc.version } : a);
    const answer = await ask(text);
    if (answer || text !== undefined) return fromText(answer);
    return fromText(await ask(doc.getText()));
  }

  /** The server's fix-all edit for a document (undefined: nothing to fix). */
  async fixAllEdit(doc: vscode.TextDocument): Promise<vscode.WorkspaceEdit | undefined> {
    await this.starting;
    const c2p = this.client.code2ProtocolConverter;
    const answer = await this.client.sendRequest(CodeActionRequest.type, {
      textDocument: c2p.asTextDocumentIdentifier(doc),
      range: c2p.asRange(new vscode.Range(0, 0, doc.lineCount, 0)),
      context: { diagnostics: [], only: [FIX_ALL_KIND.value] },
    });
    const action = (answer ?? []).find((a): a is CodeAction => 'kind' in a && a.kind === FIX_ALL_KIND.value && a.edit !== undefined);
    return action?.edit ? this.client.protocol2CodeConverter.asWorkspaceEdit(action.edit) : undefined;
  }

  dispose(): void {
    this.schemaWatcher.dispose();
    void this.client.stop().catch(() => undefined);
  }
}
