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
import { CHECKED_SCHEMES } from './analyzer.js';
import type { Logger } from './log.js';

/** The language server's `source.fixAll` kind (src/lsp/code-actions.ts). */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('trialReport');

/** The documents the server is told about: Markdown in the user's own schemes (analyzer.ts). */
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
    const result = await this.client.sendRequest<CheckFileResult>('trialReport/checkFile', params);
    return { result, diagnostics: await this.client.protocol2CodeConverter.asDiagnostics(result.diagnostics) };
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
