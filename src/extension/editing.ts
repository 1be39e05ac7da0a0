// Writing with the tool, the parts that stay in the client: the Fix All command (the language
// server's fix-all action, applied), the new-report command, the reporting checklist view, the
// status-bar item and the `trial-report` task type. Quick fixes, hovers and completion are the
// language server's (client.ts). Glue only: the template is pure (template.ts) and unit-tested.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import type { Range as CoreRange } from '../core/types.js';
import { isCheckableMarkdown } from './documents.js';
import type { CliJob, CliMessage } from './cli-task.js';
import type { AnalysisResult } from '../lsp/report.js';
import type { Server } from './server-handle.js';
import { toEditorRange } from './convert.js';
import { DIAGNOSTIC_SOURCE, vsRange } from './diagnostics.js';
import { CORE_SCRIPT } from './lazy.js';
import type { Logger } from './log.js';
import { askNewReport, type PickItem, type PickQuestion, type Prompter, readDefaults } from './new-report-questions.js';
import { newReportText, reportFileName } from './template.js';

export const TASK_TYPE = 'trial-report';

function coreToVs(r: CoreRange, doc: vscode.TextDocument): vscode.Range {
  return vsRange(toEditorRange(r, doc));
}

// ---------------------------------------------------------------------------------------------

interface ChecklistEntry {
  label: string;
  present: boolean;
  detail: string;
  range: CoreRange;
}

export class ChecklistView implements vscode.TreeDataProvider<ChecklistEntry>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private entries: ChecklistEntry[] = [];
  private uri: vscode.Uri | undefined;
  private view: vscode.TreeView<ChecklistEntry> | undefined;

  constructor(private readonly server: Server) {}

  attach(view: vscode.TreeView<ChecklistEntry>): void {
    this.view = view;
  }

  /** `analysis`: the active document's, when the caller already asked the server for it. */
  async refresh(analysis?: Promise<AnalysisResult>): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const doc = editor?.document;
    let entries: ChecklistEntry[] = [];
    if (doc && isCheckableMarkdown(doc)) {
      const outcome = await (analysis ?? this.server.analysis(doc));
      if (outcome?.kind === 'checked') {
        entries = outcome.checklist;
        this.uri = doc.uri;
      }
    }
    if (!doc || isCheckableMarkdown(doc) || entries.length) {
      // Keep the last report's checklist while another kind of editor (output, settings) is focused.
      if (entries.length || (doc && isCheckableMarkdown(doc))) {
        this.entries = entries;
        if (!entries.length) this.uri = undefined;
      }
    }
    void vscode.commands.executeCommand('setContext', 'trialReport.checklistHasReport', this.entries.length > 0);
    if (this.view) {
      const missing = this.entries.filter((e) => !e.present).length;
      this.view.description = this.uri ? path.posix.basename(this.uri.path) : '';
      this.view.badge = missing ? { value: missing, tooltip: `${missing} CONSORT for Abstracts item(s) without data` } : undefined;
    }
    this.changed.fire();
  }

  getTreeItem(e: ChecklistEntry): vscode.TreeItem {
    const item = new vscode.TreeItem(e.label, vscode.TreeItemCollapsibleState.None);
    item.description = e.present ? 'present' : 'missing';
    item.tooltip = new vscode.MarkdownString(`**${e.label}**: ${e.present ? 'present' : 'missing'}\n\n${e.detail}`);
    item.iconPath = e.present ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')) : new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('list.warningForeground'));
    item.contextValue = e.present ? 'present' : 'missing';
    if (this.uri) item.command = { command: 'trialReport.revealChecklistItem', title: 'Show in Editor', arguments: [this.uri, e.range] };
    return item;
  }

  getChildren(e?: ChecklistEntry): ChecklistEntry[] {
    return e ? [] : this.entries;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

// ---------------------------------------------------------------------------------------------

export class StatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('trialReport.status', vscode.StatusBarAlignment.Left, 50);

  constructor(private readonly server: Server) {
    this.item.name = 'Trial Report';
    this.item.command = { command: 'workbench.actions.view.problems', title: 'Show Problems' };
  }

  /** `analysis`: the active document's, when the caller already asked the server for it. */
  async refresh(analysis?: Promise<AnalysisResult>): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isCheckableMarkdown(doc)) {
      this.item.hide();
      return;
    }
    const outcome = await (analysis ?? this.server.analysis(doc));
    if (outcome?.kind !== 'checked') {
      this.item.hide();
      return;
    }
    const count = { error: 0, warning: 0, info: 0 };
    for (const d of vscode.languages.getDiagnostics(doc.uri)) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      if (d.severity === vscode.DiagnosticSeverity.Error) count.error++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) count.warning++;
      else count.info++;
    }
    const schema = outcome.schema;
    this.item.text = `$(beaker) $(error) ${count.error} $(warning) ${count.warning} $(info) ${count.info} · ${schema === 'bundled' ? 'bundled schema' : path.posix.basename(schema)}`;
    this.item.tooltip = `Trial Report: ${count.error} error(s), ${count.warning} warning(s), ${count.info} info; schema: ${schema === 'bundled' ? 'the bundled trial-summary schema' : schema}. Click to open the Problems panel.`;
    this.item.accessibilityInformation = { label: this.item.tooltip, role: 'button' };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

// ---------------------------------------------------------------------------------------------

/** The New Report questions asked with VS Code's quick input (the dialogue itself is new-report-questions.ts). */
export const quickInputPrompter: Prompter = {
  input: (q) => Promise.resolve(vscode.window.showInputBox({ title: q.title, ...(q.prompt ? { prompt: q.prompt } : {}), value: q.value, ...(q.validate ? { validateInput: q.validate } : {}) })),
  pick: <T>(items: PickItem<T>[], q: PickQuestion) =>
    // createQuickPick, not showQuickPick: only it can propose an item other than the first.
    new Promise<PickItem<T> | undefined>((resolve) => {
      const qp = vscode.window.createQuickPick<PickItem<T>>();
      qp.title = q.title;
      if (q.placeHolder) qp.placeholder = q.placeHolder;
      qp.items = items;
      const active = items[q.active ?? 0];
      if (active) qp.activeItems = [active];
      let chosen: PickItem<T> | undefined;
      qp.onDidAccept(() => {
        // Enter on a filter that matches nothing is not an answer: the question stays open.
        chosen = qp.selectedItems[0] ?? qp.activeItems[0];
        if (chosen) qp.hide();
      });
      qp.onDidHide(() => {
        qp.dispose();
        resolve(chosen);
      });
      qp.show();
    }),
};

/**
 * `Trial Report: New Report`: title, arms, each outcome's type (a continuous one's scale), the
 * participant flow, where to save; then opens it. `arg` may propose answers (readDefaults).
 */
export async function newReport(arg?: unknown, prompter: Prompter = quickInputPrompter): Promise<vscode.Uri | undefined> {
  const input = await askNewReport(prompter, readDefaults(arg));
  if (!input) return undefined;
  const { title } = input;
  const text = newReportText(input);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = reportFileName(title);
  const target = folder
    ? await vscode.window.showSaveDialog({ title: 'Save the new trial report', defaultUri: vscode.Uri.joinPath(folder, name), filters: { 'Trial summary': ['trial.md', 'md'] }, saveLabel: 'Create' })
    : undefined;
  if (folder && !target) return undefined;
  let doc: vscode.TextDocument;
  if (target) {
    const uri = /\.trial\.md$/i.test(target.path) ? target : target.with({ path: target.path.replace(/(\.md)?$/i, '.trial.md') });
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    doc = await vscode.workspace.openTextDocument(uri);
  } else {
    doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
  }
  const editor = await vscode.window.showTextDocument(doc);
  const line = doc.getText().split(/\r?\n/).findIndex((l) => l.startsWith('# '));
  if (line >= 0) editor.selection = new vscode.Selection(line, 2, line, doc.lineAt(line).text.length);
  return doc.uri;
}

// ---------------------------------------------------------------------------------------------

interface TrialReportTaskDefinition extends vscode.TaskDefinition {
  type: typeof TASK_TYPE;
  /** Files, folders or globs, relative to the workspace folder; default ["."]. */
  paths?: string[];
  /** A configuration file (default: .trialreportrc.json in the folder, if present). */
  config?: string;
}

/** Runs the CLI's `main()` in a worker thread (no Node or npx needed on the PATH, and a large workspace cannot block the extension host). */
function cliExecution(folder: string, def: TrialReportTaskDefinition, script: string): vscode.CustomExecution {
  return new vscode.CustomExecution(async () => {
    const write = new vscode.EventEmitter<string>();
    const close = new vscode.EventEmitter<number>();
    let worker: Worker | undefined;
    const pty: vscode.Pseudoterminal = {
      onDidWrite: write.event,
      onDidClose: close.event,
      open: () => {
        const argv = ['check', '--format', 'text', ...(def.config ? ['--config', def.config] : []), ...(def.paths?.length ? def.paths : ['.'])];
        write.fire(`> trial-report ${argv.join(' ')}\r\n`);
        let done = false;
        const finish = (code: number): void => {
          if (done) return;
          done = true;
          close.fire(code);
        };
        const w = (worker = new Worker(script, { workerData: { trialReportCli: { argv, cwd: folder } satisfies CliJob } }));
        w.on('message', (m: CliMessage) => ('out' in m ? write.fire(m.out.replace(/\r?\n/g, '\r\n')) : finish(m.exit)));
        w.on('error', (e) => {
          write.fire(`trial-report: ${e.message}\r\n`);
          finish(2);
        });
        // A worker that ends without its exit message (killed, crashed) failed; let pending messages land first.
        w.on('exit', () => setImmediate(() => finish(2)));
      },
      close: () => void worker?.terminate(),
    };
    return pty;
  });
}

export class TrialReportTasks implements vscode.TaskProvider {
  /** `script`: dist/extension-core.js, which runs the CLI when started with `trialReportCli`. */
  constructor(private readonly script: string) {}

  provideTasks(): vscode.Task[] {
    return (vscode.workspace.workspaceFolders ?? [])
      .filter((f) => f.uri.scheme === 'file')
      .map((f) => this.task(f, { type: TASK_TYPE, paths: ['.'] }, 'check workspace'));
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const def = task.definition as TrialReportTaskDefinition;
    if (def.type !== TASK_TYPE) return undefined;
    const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file') return undefined;
    return this.task(folder, def, task.name, task.problemMatchers);
  }

  private task(folder: vscode.WorkspaceFolder, def: TrialReportTaskDefinition, name: string, matchers: string[] = ['$trial-report']): vscode.Task {
    const t = new vscode.Task(def, folder, name, 'trial-report', cliExecution(folder.uri.fsPath, def, this.script), matchers.length ? matchers : ['$trial-report']);
    t.group = vscode.TaskGroup.Test;
    t.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, clear: true };
    return t;
  }
}

// ---------------------------------------------------------------------------------------------

/** Registers everything above; called once from `activate`. */
export function registerEditing(_context: vscode.ExtensionContext, server: Server, log: Logger): vscode.Disposable[] {
  const checklist = new ChecklistView(server);
  const view = vscode.window.createTreeView('trialReport.checklist', { treeDataProvider: checklist, showCollapseAll: false });
  checklist.attach(view);
  const status = new StatusBar(server);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      // One request to the server for both views of the active document.
      const doc = vscode.window.activeTextEditor?.document;
      const analysis = doc && isCheckableMarkdown(doc) ? server.analysis(doc) : undefined;
      analysis?.catch(() => undefined); // each view logs its own failure
      void checklist.refresh(analysis).catch((e: unknown) => log.error('Reporting checklist', e));
      void status.refresh(analysis).catch((e: unknown) => log.error('Status bar', e));
    }, 150);
  };
  refresh();
  return [
    checklist,
    view,
    status,
    { dispose: () => timer && clearTimeout(timer) },
    vscode.tasks.registerTaskProvider(TASK_TYPE, new TrialReportTasks(CORE_SCRIPT)),
    vscode.window.onDidChangeActiveTextEditor(() => refresh()),
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && e.uris.some((u) => u.toString() === active)) refresh();
    }),
    vscode.commands.registerCommand('trialReport.newReport', log.guard('New Report', (arg?: unknown) => newReport(arg))),
    vscode.commands.registerCommand('trialReport.refreshChecklist', log.guard('Refresh checklist', () => checklist.refresh())),
    vscode.commands.registerCommand(
      'trialReport.revealChecklistItem',
      log.guard('Reveal checklist item', async (uri: vscode.Uri, range: CoreRange) => {
        const doc = await vscode.workspace.openTextDocument(uri);
        const r = coreToVs(range, doc);
        await vscode.window.showTextDocument(doc, { selection: new vscode.Selection(r.start, r.start) });
      }),
    ),
    vscode.commands.registerCommand(
      'trialReport.fixAll',
      log.guard('Fix All', async () => {
        const editor = vscode.window.activeTextEditor;
        if (!editor) return;
        if (!isCheckableMarkdown(editor.document)) return;
        const edit = await server.fixAllEdit(editor.document);
        if (!edit || edit.size === 0) {
          void vscode.window.showInformationMessage('Trial Report: nothing to fix automatically.');
          return;
        }
        await vscode.workspace.applyEdit(edit);
        log.info(`Fixed all auto-fixable findings in ${vscode.workspace.asRelativePath(editor.document.uri)}`);
      }),
    ),
  ];
}
