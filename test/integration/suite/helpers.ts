// Waiting on VS Code events (never on the clock): `waitFor` subscribes, checks the current state
// at once and on every event, and gives up after a bounded time with what it saw.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'trial-report.trial-report';
export const SOURCE = 'trial-report';
export const PREVIEW_VIEW_TYPE = 'trialReport.preview';
/** Long enough for a slow CI machine, short enough that a hang fails well inside mocha's timeout. */
export const WAIT_MS = 20_000;

export function workspaceUri(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, rel);
}

/**
 * Opens a file in an editor the way a writer does (vscode.open), not with
 * workspace.openTextDocument: VS Code keeps a document an extension opened alive for up to three
 * minutes after its editor closes, so its close event (and the clearing) would come much later.
 */
export async function open(rel: string): Promise<vscode.TextDocument> {
  const uri = workspaceUri(rel);
  await vscode.commands.executeCommand('vscode.open', uri, { preview: false });
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  assert.ok(doc, `${rel} is open`);
  return doc;
}

/**
 * Our errors and warnings for a document, in a stable order. Information-level notes (e.g. the
 * CONSORT checklist hints) are left out: this suite tests the editor glue with a few fixed
 * findings, the rules themselves are covered by the unit tests' fixtures.
 */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE && d.severity !== vscode.DiagnosticSeverity.Information && d.severity !== vscode.DiagnosticSeverity.Hint)
    .sort((a, b) => a.range.start.compareTo(b.range.start) || ruleId(a).localeCompare(ruleId(b)));
}

/** Every diagnostic of ours, notes included. */
export function allOurs(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function ruleId(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c ?? '');
}

export function rangeOf(r: vscode.Range): [number, number, number, number] {
  return [r.start.line, r.start.character, r.end.line, r.end.character];
}

export function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  return ds.length ? ds.map((d) => `${ruleId(d)}@${rangeOf(d.range).join(',')}`).join(' ') : '(none)';
}

/**
 * Resolves with `probe()`'s first value other than undefined: now, or after one of `events`
 * fires. Rejects after `timeoutMs`, saying what `state()` reports then.
 */
export function waitFor<T>(
  events: readonly vscode.Event<unknown>[],
  probe: () => T | undefined,
  what: string,
  timeoutMs = WAIT_MS,
  state: () => string = () => '',
): Promise<T> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (): void => {
      settled = true;
      clearTimeout(timer);
      for (const sub of subs) sub.dispose();
    };
    const check = (): void => {
      if (settled) return;
      const value = probe();
      if (value !== undefined) {
        finish();
        resolve(value);
      }
    };
    const subs = events.map((event) => event(check));
    const timer = setTimeout(() => {
      if (settled) return;
      finish();
      const now = state();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${now ? `; ${now}` : ''}`));
    }, timeoutMs);
    check();
  });
}

/**
 * Resolves with our diagnostics for `uri` (or what `select` picks) as soon as `pred` holds for
 * them (now, or after a change of diagnostics); rejects after `timeoutMs`.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  pred: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = WAIT_MS,
  select: (uri: vscode.Uri) => vscode.Diagnostic[] = ours,
): Promise<vscode.Diagnostic[]> {
  return waitFor(
    [vscode.languages.onDidChangeDiagnostics],
    () => {
      const ds = select(uri);
      return pred(ds) ? ds : undefined;
    },
    `${what} on ${vscode.workspace.asRelativePath(uri)}`,
    timeoutMs,
    () => `diagnostics now: ${describeDiagnostics(select(uri))}`,
  );
}

export const hasRules = (...ids: string[]) => (ds: vscode.Diagnostic[]): boolean =>
  ds.map(ruleId).sort().join() === [...ids].sort().join();

/** Resolves with the first tab that satisfies `pred` (now or after a tab change). */
export function waitForTab(pred: (t: vscode.Tab) => boolean, what: string, timeoutMs = WAIT_MS): Promise<vscode.Tab> {
  const tabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
  return waitFor([vscode.window.tabGroups.onDidChangeTabs], () => tabs().find(pred), what, timeoutMs, () => `tabs: ${JSON.stringify(tabs().map((t) => t.label))}`);
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

// ---------------------------------------------------------------------------------------------
// Editing as a writer does, for the writing-tool suites.

/**
 * The code actions at `range`, as the editor asks for them. The editor cancels a request when the
 * document's model changes under it (and then asks again); so does this.
 */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind: vscode.CodeActionKind): Promise<vscode.CodeAction[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const got = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, kind.value);
      return (got ?? []).filter((a): a is vscode.CodeAction => 'edit' in a || 'kind' in a);
    } catch (e) {
      if (attempt >= 3 || (e as Error)?.name !== 'Canceled') throw e;
    }
  }
}

/** Resolves once `fn` holds, checked on every change of a document, the diagnostics or the active editor. */
export function until(what: string, fn: () => boolean, timeoutMs = WAIT_MS): Promise<true> {
  return waitFor(
    [vscode.languages.onDidChangeDiagnostics, vscode.workspace.onDidChangeTextDocument, vscode.window.onDidChangeActiveTextEditor],
    () => fn() || undefined,
    what,
    timeoutMs,
    () => `active editor: ${vscode.window.activeTextEditor?.document.uri.toString() ?? 'none'}`,
  );
}

/** Undo once in the editor of `doc`, as Ctrl+Z does. */
export async function undo(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('undo');
}

/** Our completion items (the editor's word-based and path suggestions left out). */
export async function completionLabels(doc: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
  const ours = [vscode.CompletionItemKind.Property, vscode.CompletionItemKind.EnumMember, vscode.CompletionItemKind.Reference];
  return list.items.filter((i) => i.kind !== undefined && ours.includes(i.kind)).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

/** Replaces one whole line of `doc` (0-based), as one edit. */
export async function setLine(doc: vscode.TextDocument, line: number, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, doc.lineAt(line).range, text);
  assert.equal(await vscode.workspace.applyEdit(edit), true);
}

export function lineOf(doc: vscode.TextDocument, needle: string): number {
  const i = doc.getText().split(/\r?\n/).findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `a line with "${needle}"`);
  return i;
}
