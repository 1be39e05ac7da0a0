// `trial-report lsp --stdio`: the language server (LSP 3.17, vscode-languageserver). A host like
// the CLI and the extension: the checks are the core's, and the editor-free parts of the
// extension (settings, checker options, diagnostics, quick fixes, hovers, completion) are shared,
// so every LSP editor gets what VS Code shows. It reads local files only (a trusted workspace's
// schemas), never the network; no document content can stop it answering (guard.ts).
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  type InitializeParams,
  type InitializeResult,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { completion, hover } from './assist.js';
import { codeActions, FIX_ALL_KIND } from './code-actions.js';
import { CHECK_FILE_REQUEST, type CheckFileParams, type CheckFileResult, checkFileResult } from './check-file.js';
import { DiagnosticsService, isResponseError, nextTurn } from './diagnostics.js';
import { type Checked, DocumentChecks, type Outcome } from './document-checks.js';
import { ServerLog } from './guard.js';
import { ANALYSIS_REQUEST, type AnalysisResult, analysisResult, RENDER_REQUEST, type RenderParams, type RenderResult, renderResult, type ReportParams } from './report.js';
import { SettingsSource } from './settings-source.js';
import { WorkspaceFolders } from './workspace.js';

/** What a client may pass as `initializationOptions`. */
export interface InitializationOptions {
  /** The workspace is trusted: its schemas (`$schema`, `trialReport.schema`) may be loaded. Default false. */
  trusted?: boolean;
}

export function trustedFrom(options: unknown): boolean {
  return typeof options === 'object' && options !== null && (options as InitializationOptions).trusted === true;
}

/** Starts the server on the given streams (stdin and stdout for `--stdio`); it runs until the client says exit. */
export function startLanguageServer(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, version: string): void {
  const connection = createConnection(ProposedFeatures.all, input, output);
  // stdout is the protocol: anything a dependency prints goes to the client's log instead.
  console.log = console.info = console.debug = (...a: unknown[]) => connection.console.log(a.map(String).join(' '));
  console.warn = (...a: unknown[]) => connection.console.warn(a.map(String).join(' '));
  console.error = (...a: unknown[]) => connection.console.error(a.map(String).join(' '));
  const log = new ServerLog(connection.console);
  process.on('uncaughtException', (e) => log.error('Uncaught exception', e));
  process.on('unhandledRejection', (e) => log.error('Unhandled rejection', e));

  const documents = new TextDocuments(TextDocument);
  const folders = new WorkspaceFolders();
  let checks: DocumentChecks | undefined;
  let settings: SettingsSource | undefined;
  let diagnostics: DiagnosticsService | undefined;
  let documentChanges = false;
  let registerConfiguration = false;
  let folderEvents = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    const trusted = trustedFrom(params.initializationOptions);
    folders.setFrom(params);
    documentChanges = caps.workspace?.workspaceEdit?.documentChanges === true;
    registerConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    folderEvents = caps.workspace?.workspaceFolders === true;
    const pull = caps.textDocument?.diagnostic !== undefined;
    settings = new SettingsSource(connection, log, { canAsk: caps.workspace?.configuration === true, trusted });
    checks = new DocumentChecks(settings, folders, log, trusted);
    diagnostics = new DiagnosticsService(connection, documents, checks, settings, log, { pull, refresh: caps.workspace?.diagnostics?.refreshSupport === true });
    log.console.info(`trial-report ${version} language server: ${trusted ? 'trusted workspace' : 'untrusted workspace (bundled schema only)'}, ${pull ? 'pull' : 'push'} diagnostics`);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':', ' ', '-', '[', ','] },
        ...(pull ? { diagnosticProvider: { identifier: 'trial-report', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'trial-report', version },
    };
  });

  connection.onInitialized(() => {
    if (registerConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'trialReport' }).catch((e: unknown) => log.error('Registering for configuration changes', e));
    if (!folderEvents) return;
    connection.workspace.onDidChangeWorkspaceFolders(log.guarded('Workspace folders', (e) => {
      folders.update(e.added.map((f) => f.uri), e.removed.map((f) => f.uri));
      settings?.reset(undefined);
      diagnostics?.recheckAll();
    }, () => undefined));
  });

  // A schema file changed (clients that watch `**/*.json` for the server, as the VS Code
  // extension does): a document's `$schema` or `trialReport.schema` may name it, so check again.
  connection.onDidChangeWatchedFiles(
    log.guarded('Watched files', (params) => {
      if (params.changes.some((c) => /\.json$/i.test(c.uri))) diagnostics?.recheckAll();
    }, () => undefined),
  );

  connection.onDidChangeConfiguration(
    log.guarded('Configuration change', (params) => {
      settings?.reset(params.settings);
      diagnostics?.recheckAll();
    }, () => undefined),
  );

  // onDidChangeContent fires on open too (a new document's first version): an open checks at once.
  const openedAt = new Map<string, number>();
  documents.onDidOpen(log.guarded('Open', (e) => {
    openedAt.set(e.document.uri, e.document.version);
    diagnostics?.opened(e.document.uri);
  }, () => undefined));
  documents.onDidChangeContent(log.guarded('Change', (e) => {
    if (e.document.version !== openedAt.get(e.document.uri)) diagnostics?.changed(e.document.uri);
  }, () => undefined));
  documents.onDidClose(log.guarded('Close', (e) => {
    openedAt.delete(e.document.uri);
    diagnostics?.closed(e.document.uri);
  }, () => undefined));

  /** The check of the document's current version, for a request about it. */
  const checkedNow = async (uri: string): Promise<Checked | undefined> => {
    const asked = documents.get(uri)?.version;
    if (asked === undefined || !checks) return undefined;
    await nextTurn();
    const outcome = await checks.check(uri, () => documents.get(uri));
    return outcome?.kind === 'checked' && outcome.version === asked ? outcome : undefined;
  };

  connection.languages.diagnostics.on(
    log.guarded('Pull diagnostics', (params, token) => diagnostics!.pull(params, token), () => ({ kind: 'full', items: [] }), isResponseError),
  );
  connection.onCodeAction(
    log.guarded('Code actions', async (params) => {
      const checked = await checkedNow(params.textDocument.uri);
      return checked ? codeActions(params, checked, documentChanges) : [];
    }, () => []),
  );
  connection.onHover(
    log.guarded('Hover', async (params) => {
      const checked = await checkedNow(params.textDocument.uri);
      return checked ? hover(checked, params.position) : null;
    }, () => null),
  );
  connection.onCompletion(
    log.guarded('Completion', async (params) => {
      const checked = await checkedNow(params.textDocument.uri);
      return checked ? completion(checked, params.position) : [];
    }, () => []),
  );
  connection.onRequest(
    CHECK_FILE_REQUEST,
    log.guarded('Check file', async (params: CheckFileParams): Promise<CheckFileResult> => {
      if (!checks) return { kind: 'not-trial', diagnostics: [] };
      const uri = params.textDocument.uri;
      // An open document is checked as the editor has it (the same outcome its diagnostics show).
      const outcome = documents.get(uri) ? await checks.check(uri, () => documents.get(uri)) : await checks.checkUnopened(uri, params.text);
      return checkFileResult(outcome, uri);
    }, (): CheckFileResult => ({ kind: 'not-trial', diagnostics: [] })),
  );
  /** The check of a document for the client's own requests: open, its current version; else `text`'s. */
  const reportOutcome = async (params: ReportParams): Promise<Outcome | undefined> => {
    const uri = params.textDocument.uri;
    if (!checks) return undefined;
    if (documents.get(uri)) {
      await nextTurn();
      return checks.check(uri, () => documents.get(uri));
    }
    return typeof params.text === 'string' ? checks.checkUnopened(uri, params.text) : undefined;
  };
  connection.onRequest(ANALYSIS_REQUEST, log.guarded('Analysis', async (params: ReportParams) => analysisResult(await reportOutcome(params)), (): AnalysisResult => null));
  connection.onRequest(RENDER_REQUEST, log.guarded('Render', async (params: RenderParams) => renderResult(await reportOutcome(params), params), (): RenderResult => null));
  connection.onShutdown(() => diagnostics?.dispose());

  documents.listen(connection);
  connection.listen();
}
