// The report preview: one webview panel that follows the active trial-summary editor, updates
// as the writer types (at most once per 300 ms, last update wins), reveals a clicked finding in
// the source, keeps its scroll position in step with the editor's both ways, and is restored
// after a reload by a WebviewPanelSerializer.
// Security as VS Code's Markdown preview: scripts only by nonce, resources only from media/.
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isWebviewMessage, type HostToWebview, type WebviewToHost } from '../preview/messages.js';
import type { RenderOptions } from '../preview/render.js';
import type { Server } from './server-handle.js';
import { isCheckableMarkdown } from './documents.js';
import { fromCorePosition } from './convert.js';
import { vsRange } from './diagnostics.js';
import type { Logger } from './log.js';
import { messagePage } from './pages.js';
import { Throttle } from './throttle.js';
import { mayBeTrialSummary } from './settings.js';

export const PREVIEW_VIEW_TYPE = 'trialReport.preview';
const STATE_KEY = 'trialReport.preview.source';
const RENDER_INTERVAL_MS = 300;

export function newNonce(): string {
  return crypto.randomBytes(16).toString('base64');
}

/** The Markdown document a command is about: its argument, else the active editor's. */
export function targetUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const doc = vscode.window.activeTextEditor?.document;
  return doc && isCheckableMarkdown(doc) ? doc.uri : undefined;
}

export class PreviewManager implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private source: vscode.Uri | undefined;
  /** The webview's script said `ready` for the HTML currently loaded. */
  private ready = false;
  /** Source whose report the loaded HTML shows (so an update message can replace it). */
  private loadedSource: string | undefined;
  /** Last known visibility of the panel, to spot hidden → visible. */
  private wasVisible = true;
  private readonly throttle = new Throttle(() => RENDER_INTERVAL_MS);
  private readonly scrollThrottle = new Throttle(() => 50);
  /**
   * The editor scroll this extension made to follow the preview, until when it counts as ours:
   * the visible-range event it causes is not sent back to the preview (no feedback loop).
   */
  private ownEditorScroll: { line: number; until: number } | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly server: Server,
    private readonly log: Logger,
  ) {}

  register(): void {
    const guard = this.log.guard.bind(this.log);
    this.disposables.push(
      vscode.commands.registerCommand('trialReport.openPreview', guard('Open Preview', (uri?: unknown) => this.open(targetUri(uri), false))),
      vscode.commands.registerCommand('trialReport.openPreviewToSide', guard('Open Preview to the Side', (uri?: unknown) => this.open(targetUri(uri), true))),
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state) => this.restore(panel, state),
      }),
      vscode.workspace.onDidChangeTextDocument(guard('preview update', (e: vscode.TextDocumentChangeEvent) => {
        if (this.panel && e.contentChanges.length > 0 && e.document.uri.toString() === this.source?.toString()) this.requestRender();
      })),
      vscode.window.onDidChangeActiveTextEditor(guard('preview follow', (editor: vscode.TextEditor | undefined) => this.follow(editor))),
      vscode.window.onDidChangeTextEditorVisibleRanges(guard('preview scroll sync', (e: vscode.TextEditorVisibleRangesChangeEvent) => this.syncEditorScroll(e))),
    );
  }

  /** The document the preview shows, if a preview is open. */
  get previewSource(): vscode.Uri | undefined {
    return this.panel ? this.source : undefined;
  }

  /** Re-renders after settings or trust changed. */
  refresh(): void {
    if (this.panel) this.requestRender();
  }

  async open(uri: vscode.Uri | undefined, toSide: boolean): Promise<void> {
    if (!uri) {
      void vscode.window.showInformationMessage('Trial Report: open a trial summary (a *.trial.md file, or Markdown with a `trial:` front matter) first.');
      return;
    }
    const column = toSide ? vscode.ViewColumn.Beside : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active);
    if (this.panel) {
      this.panel.reveal(column, toSide);
    } else {
      const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Trial Report', { viewColumn: column, preserveFocus: toSide }, this.webviewOptions());
      this.adopt(panel);
    }
    this.setSource(uri);
    this.requestRender(true);
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'media')],
    };
  }

  private async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    try {
      const fromState = typeof state === 'object' && state !== null ? ((state as Record<string, unknown>)['resource'] ?? (state as Record<string, unknown>)['uri']) : undefined;
      const saved = typeof fromState === 'string' ? fromState : this.context.workspaceState.get<string>(STATE_KEY);
      if (this.panel) {
        // Only one preview: a second restored panel is closed.
        panel.dispose();
        return;
      }
      panel.webview.options = this.webviewOptions();
      this.adopt(panel);
      const uri = saved ? vscode.Uri.parse(saved) : targetUri(undefined);
      if (uri) {
        this.setSource(uri);
        this.requestRender(true);
      } else {
        panel.webview.html = messagePage({ title: 'Trial Report', message: 'Open a trial summary to see its report.', cspSource: panel.webview.cspSource });
      }
    } catch (e) {
      this.log.error('Restoring the preview', e);
    }
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    this.wasVisible = panel.visible;
    this.loadedSource = undefined;
    this.panelDisposables.push(
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.loadedSource = undefined;
        this.throttle.dispose();
        for (const d of this.panelDisposables.splice(0)) d.dispose();
      }),
      panel.webview.onDidReceiveMessage(this.log.guard('preview message', (m: unknown) => this.onMessage(m))),
      panel.onDidChangeViewState(this.log.guard('preview visibility', (e: vscode.WebviewPanelOnDidChangeViewStateEvent) => {
        // A hidden webview is torn down: it drops messages and, when shown again, reloads the
        // last HTML set (without the updates posted since), so show it afresh.
        const visible = e.webviewPanel.visible;
        if (visible === this.wasVisible) return;
        this.wasVisible = visible;
        this.ready = false;
        if (visible) this.requestRender(true);
      })),
    );
  }

  private setSource(uri: vscode.Uri): void {
    this.source = uri;
    if (this.panel) this.panel.title = `Report ${path.posix.basename(uri.path)}`;
    void this.context.workspaceState.update(STATE_KEY, uri.toString());
  }

  /** Follows the active editor when it shows another trial summary. */
  private follow(editor: vscode.TextEditor | undefined): void {
    if (!this.panel || !editor) return;
    const doc = editor.document;
    if (!isCheckableMarkdown(doc) || doc.uri.toString() === this.source?.toString()) return;
    if (!mayBeTrialSummary(doc.fileName, () => doc.getText())) return;
    this.setSource(doc.uri);
    this.requestRender(true);
  }

  private requestRender(fullPage = false): void {
    if (fullPage) this.loadedSource = undefined;
    this.throttle.request(() => void this.render());
  }

  private async document(uri: vscode.Uri): Promise<vscode.TextDocument> {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
  }

  private async render(): Promise<void> {
    const panel = this.panel;
    const uri = this.source;
    if (!panel || !uri) return;
    if (!panel.visible) return; // rendered afresh when shown again
    let doc: vscode.TextDocument;
    try {
      doc = await this.document(uri);
    } catch (e) {
      // A restored preview whose file was moved or deleted: say so in the panel, no popup.
      this.log.warn(`preview: cannot open ${uri.toString(true)}: ${(e as Error)?.message ?? String(e)}`);
      if (panel === this.panel && uri.toString() === this.source?.toString()) {
        panel.webview.html = messagePage({ title: 'Trial Report', message: `${vscode.workspace.asRelativePath(uri)} cannot be opened.`, cspSource: panel.webview.cspSource });
        this.loadedSource = undefined;
      }
      return;
    }
    try {
      await this.show(panel, uri, doc);
    } catch (e) {
      this.log.error('Rendering the preview', e);
      if (panel === this.panel) {
        panel.webview.html = messagePage({ title: 'Trial Report', message: 'The report could not be rendered; see the Trial Report output for details.', cspSource: panel.webview.cspSource });
        this.loadedSource = undefined;
      }
    }
  }

  /** The report's HTML from the language server (`trialReport/render`): swapped in place, or a new page. */
  private async show(panel: vscode.WebviewPanel, uri: vscode.Uri, doc: vscode.TextDocument): Promise<void> {
    const webview = panel.webview;
    const name = vscode.workspace.asRelativePath(uri);
    const key = uri.toString();
    const title = path.posix.basename(uri.path);
    const current = (): boolean => panel === this.panel && key === this.source?.toString();
    // The page is loaded and listening: swap the report in place, keeping the scroll position.
    const update = this.ready && this.loadedSource === key;
    const media = (f: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'media', f)).toString();
    const options: RenderOptions = update
      ? { mode: 'webview', title }
      : { mode: 'webview', nonce: newNonce(), cspSource: webview.cspSource, styleUri: media('preview.css'), scriptUri: media('preview.js'), title, source: key };
    const outcome = await this.server.render(doc, options, update ? 'body' : 'page', doc.isClosed ? doc.getText() : undefined);
    // Switched documents or closed meanwhile; or the text moved on (a newer render is queued).
    if (!current() || !outcome) return;
    if (!doc.isClosed && outcome.version !== doc.version) return;
    if (outcome.kind !== 'checked') {
      const message =
        outcome.kind === 'disabled' ? 'Checking is turned off (trialReport.enable).'
        : outcome.kind === 'too-large' ? `${name} is larger than trialReport.maxFileSize (${outcome.max} bytes), so it is not checked.`
        : `${name} is not a trial summary: name it *.trial.md or give it a front matter with a top-level trial: mapping.`;
      webview.html = messagePage({ title: 'Trial Report', message, cspSource: webview.cspSource });
      this.loadedSource = undefined;
      this.ready = false;
      return;
    }
    if (update) {
      // (Unless the page was reloaded meanwhile: the render that reloaded it is newer.)
      if (this.ready && this.loadedSource === key) await this.post({ type: 'update', html: outcome.html, version: outcome.version });
      return;
    }
    this.ready = false;
    webview.html = outcome.html;
    this.loadedSource = key;
  }

  private async post(message: HostToWebview): Promise<void> {
    if (this.panel) await this.panel.webview.postMessage(message);
  }

  private async onMessage(raw: unknown): Promise<void> {
    if (!isWebviewMessage(raw)) {
      this.log.trace(`preview: ignored an unknown message`);
      return;
    }
    const m: WebviewToHost = raw;
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.syncNow();
        return;
      case 'scrolled':
        await this.followPreviewScroll(m.line, m.version);
        return;
      case 'reveal':
        await this.reveal(m.line, m.column, m.version);
        return;
    }
  }

  /** Reveals a 1-based line/column of the previewed document, unless the click is stale. */
  private async reveal(line: number, column: number, version: number): Promise<void> {
    const uri = this.source;
    if (!uri) return;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!doc || doc.version !== version) {
      this.log.trace(`preview: ignored a reveal for version ${version} (document at ${doc?.version ?? 'closed'})`);
      return;
    }
    const pos = fromCorePosition({ line, column }, doc);
    const range = vsRange({ start: pos, end: pos });
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const viewColumn = visible?.viewColumn ?? (this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn, selection: range, preserveFocus: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** The editor showing the previewed document, if one is visible. */
  private sourceEditor(): vscode.TextEditor | undefined {
    const key = this.source?.toString();
    return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key);
  }

  /** Editor → preview: the editor scrolled, so put its first visible line at the preview's top. */
  private syncEditorScroll(e: vscode.TextEditorVisibleRangesChangeEvent): void {
    if (!this.panel?.visible || !this.ready || e.textEditor.document.uri.toString() !== this.source?.toString()) return;
    const top = e.visibleRanges[0]?.start.line;
    if (top === undefined) return;
    const own = this.ownEditorScroll;
    if (own && Date.now() < own.until && Math.abs(own.line - top) <= 1) return; // the echo of our reveal
    this.ownEditorScroll = undefined;
    this.scrollThrottle.request(() => void this.post({ type: 'scrollTo', line: top + 1 }));
  }

  /** After a (re)load: show the part of the report the editor shows. */
  private syncNow(): void {
    const top = this.sourceEditor()?.visibleRanges[0]?.start.line;
    if (top !== undefined && top > 0) void this.post({ type: 'scrollTo', line: top + 1 });
  }

  /** Preview → editor: the user scrolled the preview; scroll the editor to the same line. */
  private async followPreviewScroll(line: number, version: number): Promise<void> {
    const editor = this.sourceEditor();
    if (!editor || editor.document.version !== version) return; // stale: rendered from older text
    const doc = editor.document;
    const zeroBased = Math.min(doc.lineCount - 1, Math.max(0, Math.floor(line) - 1));
    const current = editor.visibleRanges[0]?.start.line;
    if (current === zeroBased) return;
    // As VS Code's Markdown preview does: the fraction of the line picks a character, so a long
    // wrapped line scrolls part-way rather than jumping a whole screen.
    const text = doc.lineAt(zeroBased).text;
    const ch = Math.floor((line - Math.floor(line)) * text.length);
    this.ownEditorScroll = { line: zeroBased, until: Date.now() + 500 };
    editor.revealRange(new vscode.Range(zeroBased, ch, zeroBased + 1, 0), vscode.TextEditorRevealType.AtTop);
  }

  dispose(): void {
    this.throttle.dispose();
    this.scrollThrottle.dispose();
    this.panel?.dispose();
    for (const d of this.panelDisposables.splice(0)) d.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
