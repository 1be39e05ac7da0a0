// Writing with the tool: quick fixes, fix-all, hovers, front-matter completion, the new-report
// command, the reporting checklist view, the status-bar item and the `trial-report` task type.
// Glue only: the edit computations, hover texts and completions are pure (fixes.ts, assist.ts,
// template.ts) and unit-tested.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import type { Finding, Range as CoreRange } from '../core/types.js';
import { type Analyzer, isCheckableMarkdown, type Outcome } from './analyzer.js';
import type { CliJob, CliMessage } from './check-worker.js';
import { toCorePosition, toEditorRange } from './convert.js';
import { DIAGNOSTIC_SOURCE, type DiagnosticsController, vsRange } from './diagnostics.js';
import { type ActionPlan, type CoreTextEdit, fixAllEdits, fixAllPlan, type FixContext, quickFixPlans } from './fixes.js';
import { CORE_SCRIPT, loadCore } from './lazy.js';
import type { Logger } from './log.js';
import { askNewReport, type PickItem, type PickQuestion, type Prompter, readDefaults } from './new-report-questions.js';
import { newReportText, reportFileName } from './template.js';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('trialReport');
export const TASK_TYPE = 'trial-report';

function coreToVs(r: CoreRange, doc: vscode.TextDocument): vscode.Range {
  return vsRange(toEditorRange(r, doc));
}

async function checked(analyzer: Analyzer, doc: vscode.TextDocument): Promise<Extract<Outcome, { kind: 'checked' }> | undefined> {
  if (!isCheckableMarkdown(doc)) return undefined;
  const outcome = await analyzer.analyze(doc);
  return outcome.kind === 'checked' && outcome.version === doc.version ? outcome : undefined;
}

function fixContext(doc: vscode.TextDocument, outcome: Extract<Outcome, { kind: 'checked' }>): FixContext {
  return { text: doc.getText(), model: outcome.analysis.model };
}

function workspaceEdit(doc: vscode.TextDocument, edits: CoreTextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  const snippets = edits.some((e) => e.snippet);
  if (snippets) {
    we.set(
      doc.uri,
      edits.map((e) => (e.snippet ? new vscode.SnippetTextEdit(coreToVs(e.range, doc), new vscode.SnippetString(e.newText)) : new vscode.TextEdit(coreToVs(e.range, doc), e.newText))),
    );
  } else {
    we.set(doc.uri, edits.map((e) => new vscode.TextEdit(coreToVs(e.range, doc), e.newText)));
  }
  return we;
}

function sameFinding(d: vscode.Diagnostic, f: Finding, doc: vscode.TextDocument): boolean {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return d.source === DIAGNOSTIC_SOURCE && code === f.ruleId && d.range.isEqual(coreToVs(f.range, doc)) && d.message === f.message;
}

export class TrialReportCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(private readonly analyzer: Analyzer) {}

  async provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const outcome = await checked(this.analyzer, doc);
    if (!outcome) return [];
    const ctx = fixContext(doc, outcome);
    const findings = outcome.analysis.findings;
    const only = context.only;
    // A source action request (`source.fixAll` on save, the Source Action menu): fix-all only.
    if (only && !only.intersects(vscode.CodeActionKind.QuickFix)) {
      if (!FIX_ALL_KIND.intersects(only)) return [];
      const plan = fixAllPlan(findings, ctx);
      if (!plan) return [];
      const action = new vscode.CodeAction(plan.title, FIX_ALL_KIND);
      action.edit = workspaceEdit(doc, plan.edits);
      return [action];
    }
    const here = findings.filter((f) => coreToVs(f.range, doc).intersection(range) !== undefined || context.diagnostics.some((d) => sameFinding(d, f, doc)));
    return quickFixPlans(findings, here, ctx).map((plan) => this.toAction(doc, plan, plan.finding && context.diagnostics.find((d) => sameFinding(d, plan.finding!, doc))));
  }

  private toAction(doc: vscode.TextDocument, plan: ActionPlan, diagnostic: vscode.Diagnostic | undefined): vscode.CodeAction {
    const a = new vscode.CodeAction(plan.title, vscode.CodeActionKind.QuickFix);
    a.edit = workspaceEdit(doc, plan.edits);
    if (plan.finding) a.isPreferred = plan.preferred;
    if (diagnostic) a.diagnostics = [diagnostic];
    return a;
  }
}

export class TrialReportHovers implements vscode.HoverProvider {
  constructor(private readonly analyzer: Analyzer) {}
  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const outcome = await checked(this.analyzer, doc);
    if (!outcome) return undefined;
    const { hoverAt } = await loadCore();
    const h = hoverAt({ model: outcome.analysis.model, findings: outcome.analysis.findings, schema: outcome.schema?.schema ?? {} }, toCorePosition(position));
    if (!h) return undefined;
    const md = new vscode.MarkdownString(h.markdown);
    md.supportHtml = false;
    return new vscode.Hover(md, coreToVs(h.range, doc));
  }
}

export class TrialReportCompletions implements vscode.CompletionItemProvider {
  constructor(private readonly analyzer: Analyzer) {}
  async provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    if (!isCheckableMarkdown(doc)) return undefined;
    // The last analysis (any version) gives ids and parsed keys; the text is read live.
    const outcome = await this.analyzer.analyze(doc);
    if (outcome.kind !== 'checked') return undefined;
    const { completionsAt } = await loadCore();
    const entries = completionsAt(doc.getText(), toCorePosition(position), outcome.schema?.schema ?? {}, outcome.analysis.model);
    if (!entries) return undefined;
    const word = doc.getWordRangeAtPosition(position, /[\w$.\-/]+/);
    return entries.map((e) => {
      const item = new vscode.CompletionItem(
        e.label,
        e.kind === 'key' ? vscode.CompletionItemKind.Property : e.kind === 'value' ? vscode.CompletionItemKind.EnumMember : vscode.CompletionItemKind.Reference,
      );
      item.insertText = e.insertText;
      if (word) item.range = word;
      if (e.detail) item.detail = e.detail;
      if (e.documentation) item.documentation = new vscode.MarkdownString(e.documentation);
      return item;
    });
  }
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

  constructor(private readonly analyzer: Analyzer) {}

  attach(view: vscode.TreeView<ChecklistEntry>): void {
    this.view = view;
  }

  async refresh(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const doc = editor?.document;
    let entries: ChecklistEntry[] = [];
    if (doc && isCheckableMarkdown(doc)) {
      const outcome = await this.analyzer.analyze(doc);
      if (outcome.kind === 'checked') {
        const { reportingItems } = await loadCore();
        entries = reportingItems(outcome.analysis.model).map((i) => ({ label: i.label, present: i.present, detail: i.detail, range: i.range }));
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

  constructor(private readonly analyzer: Analyzer) {
    this.item.name = 'Trial Report';
    this.item.command = { command: 'workbench.actions.view.problems', title: 'Show Problems' };
  }

  async refresh(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isCheckableMarkdown(doc)) {
      this.item.hide();
      return;
    }
    const outcome = await this.analyzer.analyze(doc);
    if (outcome.kind !== 'checked') {
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
    const schema = outcome.schema?.name ?? 'bundled';
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
export function registerEditing(_context: vscode.ExtensionContext, analyzer: Analyzer, diagnostics: DiagnosticsController, log: Logger): vscode.Disposable[] {
  const selector: vscode.DocumentSelector = [
    { language: 'markdown', scheme: 'file' },
    { language: 'markdown', scheme: 'untitled' },
  ];
  const checklist = new ChecklistView(analyzer);
  const view = vscode.window.createTreeView('trialReport.checklist', { treeDataProvider: checklist, showCollapseAll: false });
  checklist.attach(view);
  const status = new StatusBar(analyzer);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void checklist.refresh().catch((e: unknown) => log.error('Reporting checklist', e));
      void status.refresh().catch((e: unknown) => log.error('Status bar', e));
    }, 150);
  };
  refresh();
  return [
    checklist,
    view,
    status,
    { dispose: () => timer && clearTimeout(timer) },
    vscode.languages.registerCodeActionsProvider(selector, new TrialReportCodeActions(analyzer), { providedCodeActionKinds: TrialReportCodeActions.kinds }),
    vscode.languages.registerHoverProvider(selector, new TrialReportHovers(analyzer)),
    vscode.languages.registerCompletionItemProvider(selector, new TrialReportCompletions(analyzer), ':', ' ', '-', '[', ','),
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
        const outcome = await checked(analyzer, editor.document);
        if (!outcome) return;
        const { edits, fixed } = fixAllEdits(outcome.analysis.findings, fixContext(editor.document, outcome));
        if (!edits.length) {
          void vscode.window.showInformationMessage('Trial Report: nothing to fix automatically.');
          return;
        }
        await vscode.workspace.applyEdit(workspaceEdit(editor.document, edits));
        log.info(`Fixed ${fixed.length} finding(s) in ${vscode.workspace.asRelativePath(editor.document.uri)}`);
      }),
    ),
    { dispose: () => void diagnostics },
  ];
}
