// The writing tools in a real VS Code (issue 6), through the same commands the editor uses for
// them: every quick fix of every finding applied and undone, fix-all as a source action and on
// save, hovers, completion, New Report, and the `trial-report` task with its problem matcher.
// The pure computations behind them have unit tests; this suite proves the glue and the editor's
// handling (snippet edits, undo, code actions on save, the task system's markers).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  allOurs, closeAllEditors, codeActions, completionLabels, describeDiagnostics, EXTENSION_ID, hasRules, lineOf, open, ours, rangeOf, ruleId, setLine, undo, until,
  WAIT_MS, waitForDiagnostics, workspaceUri,
} from './helpers.js';

/** A finding as the fix test compares them: rule and message (ranges move when lines are inserted). */
const key = (d: vscode.Diagnostic): string => `${ruleId(d)} ${d.message}`;

/** `after` holds no finding that `before` lacks (as multisets). */
function addsNone(before: readonly string[], after: readonly string[]): boolean {
  const left = new Map<string, number>();
  for (const k of before) left.set(k, (left.get(k) ?? 0) + 1);
  for (const k of after) {
    const n = left.get(k) ?? 0;
    if (n === 0) return false;
    left.set(k, n - 1);
  }
  return true;
}

const count = (keys: readonly string[], k: string): number => keys.filter((x) => x === k).length;

function hoverText(hovers: readonly vscode.Hover[] | undefined): string {
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

async function hoverAt(doc: vscode.TextDocument, needle: string, into: number): Promise<string> {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is in ${path.basename(doc.uri.path)}`);
  return hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(at + into)));
}

describe('Writing tools in a real VS Code (extension host)', () => {
  after(async () => {
    await vscode.workspace.getConfiguration('editor', { languageId: 'markdown' }).update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
    await vscode.workspace.getConfiguration('files').update('simpleDialog.enable', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
  });

  it('offers a quick fix for every error and warning; each removes its finding, adds none, and undoes in one step', async function () {
    this.timeout(240_000); // about twenty fixes, each applied, re-checked, undone and re-checked
    const doc = await open('fixes.trial.md');
    await vscode.window.showTextDocument(doc);
    const original = doc.getText();
    await waitForDiagnostics(doc.uri, hasRules('TR101', 'TR103', 'TR104', 'TR201', 'TR301'), 'the fixture\'s five findings');
    // Info notes (TR303) count too: a fix must not add one.
    const start = await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => ruleId(d) === 'TR303'), 'the checklist notes', WAIT_MS, allOurs);
    const before = start.map(key);
    const titles: string[] = [];
    let step = 'start';
    try {
      for (const d of start) {
        step = `asking for the fixes of ${ruleId(d)} at ${rangeOf(d.range).join(',')}`;
        const offered = await codeActions(doc.uri, d.range, vscode.CodeActionKind.QuickFix);
        if (d.severity !== vscode.DiagnosticSeverity.Information) assert.ok(offered.length > 0, `${ruleId(d)} at ${rangeOf(d.range).join(',')} offers a fix`);
        // The API command drops each action's `diagnostics`, so what an action fixes is read from
        // its effect: a finding at this place goes (the one a suppression names), nothing comes.
        const here = start.filter((x) => x.range.intersection(d.range) !== undefined).map(key);
        for (const action of offered) {
          if (titles.includes(action.title)) continue; // offered again for another finding here
          titles.push(action.title);
          assert.ok(action.edit, `"${action.title}" carries its edit`);
          step = `applying "${action.title}" (at ${ruleId(d)} ${rangeOf(d.range).join(',')})`;
          const suppressed = /^Suppress (TR\d{3}) /.exec(action.title)?.[1];
          const targets = suppressed ? here.filter((k) => k.startsWith(`${suppressed} `)) : here;
          await vscode.window.showTextDocument(doc);
          assert.equal(await vscode.workspace.applyEdit(action.edit), true, `"${action.title}" applies`);
          assert.notEqual(doc.getText(), original, `"${action.title}" changes the text`);
          const fixedOne = (ds: vscode.Diagnostic[]): boolean => {
            const now = ds.map(key);
            return targets.some((k) => count(now, k) < count(before, k)) && addsNone(before, now);
          };
          await waitForDiagnostics(doc.uri, fixedOne, `"${action.title}" to remove a finding of ${JSON.stringify(targets)} and add nothing`, WAIT_MS, allOurs);
          await undo(doc);
          assert.equal(doc.getText(), original, `one undo reverts "${action.title}"`);
          await waitForDiagnostics(doc.uri, (ds) => ds.map(key).sort().join('\n') === [...before].sort().join('\n'), 'the findings to return after undo', WAIT_MS, allOurs);
        }
      }
    } catch (e) {
      throw new Error(`while ${step}: ${(e as Error).message}\nbefore: ${describeDiagnostics(start)}`);
    }
    // What the writer reads in the Ctrl+. menu, for the kinds the issue names.
    for (const want of [
      /^Replace 60 with 60\.5$/,
      /^Replace 80 with 76$/,
      /^Replace 2c with 2b$/,
      /^Insert the missing section "## Safety"$/,
      /^Replace 26\.3% with 23\.7%$/,
      /^Suppress TR103 here with a justification comment$/,
    ]) assert.ok(titles.some((t) => want.test(t)), `offers ${want.source}; offered:\n${titles.join('\n')}`);
    assert.equal(titles.filter((t) => t.startsWith('Replace 2c with ')).length, 8, 'one fix per allowed phase');
  });

  it('fixes all auto-fixable findings as one source action (source.fixAll.trialReport), undone in one step', async () => {
    const doc = await open('fixes.trial.md');
    const original = doc.getText();
    await waitForDiagnostics(doc.uri, hasRules('TR101', 'TR103', 'TR104', 'TR201', 'TR301'), 'the fixture\'s five findings');
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = await codeActions(doc.uri, whole, vscode.CodeActionKind.SourceFixAll.append('trialReport'));
    assert.deepEqual(actions.map((a) => a.title), ['Fix all auto-fixable Trial Report problems (5)']);
    assert.equal(await vscode.workspace.applyEdit(actions[0]!.edit!), true);
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'no error or warning left');
    await undo(doc);
    assert.equal(doc.getText(), original);
    // The command does the same.
    await vscode.commands.executeCommand('trialReport.fixAll');
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'no error or warning left after Fix All');
    await undo(doc);
    assert.equal(doc.getText(), original);
    await waitForDiagnostics(doc.uri, hasRules('TR101', 'TR103', 'TR104', 'TR201', 'TR301'), 'the findings back after undo');
  });

  it('fixes on save through editor.codeActionsOnSave', async () => {
    await vscode.workspace
      .getConfiguration('editor', { languageId: 'markdown' })
      .update('codeActionsOnSave', { 'source.fixAll.trialReport': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
    const doc = await open('onsave.trial.md');
    await waitForDiagnostics(doc.uri, hasRules('TR101', 'TR103', 'TR104', 'TR201', 'TR301'), 'the fixture\'s five findings');
    // The writer edits a line and saves.
    await setLine(doc, lineOf(doc, 'None.'), 'None yet.');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.save');
    await until('the document to be saved', () => !doc.isDirty);
    const onDisk = fs.readFileSync(doc.uri.fsPath, 'utf8');
    assert.equal(onDisk, doc.getText());
    for (const fixed of ['  randomized: 76\n', '      drug: { percent: 60.5 }\n', '(23.7%)', '\n## Safety\n', 'None yet.']) assert.ok(onDisk.includes(fixed), `saved with ${JSON.stringify(fixed)}:\n${onDisk}`);
    assert.doesNotMatch(onDisk, /phase: 2c/);
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'no error or warning after fixing on save');
  });

  it('hovers a number with its link, computation, Wilson interval and consistent values; a key with its description', async () => {
    const seed = await open('seed.trial.md');
    await waitForDiagnostics(seed.uri, (ds) => ds.some((d) => ruleId(d) === 'TR104'), 'the seed\'s TR104 findings');
    const flagged = await hoverAt(seed, '60% of patients receiving', 1);
    assert.match(flagged, /Linked to arm IL-2 1\.0 MIU \(`il2-1\.0`\), endpoint SRI-4 response at week 24/);
    assert.match(flagged, /`23\/38 = 60\.53%`/);
    assert.match(flagged, /Wilson 95% CI 44\.7% to 74\.4%/);
    assert.match(flagged, /Consistent values: `60\.5%`, `61%`/);
    const described = await hoverAt(seed, 'registration:', 2);
    assert.match(described, /\*\*trial\.registration\*\*/);
    assert.match(described, /Registry id/);
    const fixes = await open('fixes.trial.md');
    await waitForDiagnostics(fixes.uri, (ds) => ds.length > 0, 'findings');
    const value = await hoverAt(fixes, 'events: 9', 8);
    assert.match(value, /`9\/38 = 23\.68%`/);
    assert.match(value, /Wilson 95% CI/);
    // Prose that is not a number has no hover of ours.
    assert.doesNotMatch(await hoverAt(seed, 'Low-dose', 2), /Wilson|Linked to/);
  });

  it('completes keys, enum values and arm ids from the active schema', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const schema = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'schemas/trial-summary.schema.json'), 'utf8')) as {
      $defs: { arm: { properties: Record<string, unknown> }; trial: { properties: { phase: { enum: (string | number)[] } } } };
    };
    const doc = await open('complete.trial.md');
    const original = doc.getText();
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'the completion fixture to be checked', WAIT_MS);

    // Keys: a new line in the first arm offers the arm's keys not yet written.
    const armLine = lineOf(doc, '    randomized: 38');
    await setLine(doc, armLine, '    randomized: 38\n    ');
    const keys = await completionLabels(doc, new vscode.Position(armLine + 1, 4));
    const expectedKeys = Object.keys(schema.$defs.arm.properties).filter((k) => !['id', 'label', 'randomized'].includes(k));
    assert.deepEqual([...keys].sort(), [...expectedKeys].sort());
    await undo(doc);
    assert.equal(doc.getText(), original);

    // Enum values after `phase: `.
    const phase = lineOf(doc, '  phase: 3');
    await setLine(doc, phase, '  phase: ');
    const phases = await completionLabels(doc, new vscode.Position(phase, 9));
    assert.deepEqual([...phases].sort(), [...new Set(schema.$defs.trial.properties.phase.enum.map(String))].sort());
    await undo(doc);

    // Arm ids after `versus: ` and as a new `results` key.
    const versus = lineOf(doc, '        versus: placebo');
    await setLine(doc, versus, '        versus: ');
    assert.deepEqual((await completionLabels(doc, new vscode.Position(versus, 16))).sort(), ['drug', 'placebo']);
    await undo(doc);
    const result = lineOf(doc, '      placebo: { events: 9');
    await setLine(doc, result, '      ');
    assert.deepEqual(await completionLabels(doc, new vscode.Position(result, 6)), ['placebo']);
    await undo(doc);
    assert.equal(doc.getText(), original);
    // Outside the front matter: nothing of ours.
    assert.deepEqual(await completionLabels(doc, new vscode.Position(lineOf(doc, 'A fixture for the extension-host'), 2)), []);
  });

  it('New Report asks its questions and creates a report that has no error or warning', async () => {
    await vscode.workspace.getConfiguration('files').update('simpleDialog.enable', true, vscode.ConfigurationTarget.Workspace);
    const expected = workspaceUri('drug-x-versus-placebo-in-condition-y-a-randomised-trial.trial.md');
    assert.equal(fs.existsSync(expected.fsPath), false);
    // Accept every question's default (title, 1 arm, its label, the proposed file name): the
    // quick input gives no event to wait on, so keep pressing Enter until the report opens.
    const done = vscode.commands.executeCommand('trialReport.newReport');
    const enter = setInterval(() => void vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'), 300);
    try {
      await until('the new report in the active editor', () => vscode.window.activeTextEditor?.document.uri.toString() === expected.toString());
      await done;
    } finally {
      clearInterval(enter);
    }
    const doc = vscode.window.activeTextEditor!.document;
    assert.equal(fs.readFileSync(expected.fsPath, 'utf8'), doc.getText(), 'written to disk as shown');
    assert.match(doc.getText(), /^---\ntrial:\n {2}title: "Drug X versus placebo in condition Y: a randomised trial"\n/);
    assert.match(doc.getText(), /\narms:\n {2}- id: intervention\n {4}label: Intervention\n/);
    for (const section of ['Background', 'Methods', 'Results', 'Conclusions']) assert.match(doc.getText(), new RegExp(`\\n## ${section}\\n`));
    // The title heading is selected, ready to type over.
    assert.equal(doc.getText(vscode.window.activeTextEditor!.selection), 'Drug X versus placebo in condition Y: a randomised trial');
    // Checked (the checklist notes arrive), and nothing is wrong in it.
    const all = await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => ruleId(d) === 'TR303'), 'the checklist notes on the new report', WAIT_MS, allOurs);
    assert.deepEqual(ours(doc.uri), [], describeDiagnostics(all));
  });

  it('runs the trial-report task; its problem matcher reports unopened files beside the live diagnostics', async () => {
    const grim = await open('grim.trial.md');
    const live = await waitForDiagnostics(grim.uri, hasRules('TR101', 'TR104'), 'the live findings');
    const tasks = await vscode.tasks.fetchTasks({ type: 'trial-report' });
    const task = tasks.find((t) => t.name === 'check workspace');
    assert.ok(task, `the provided task; got ${JSON.stringify(tasks.map((t) => t.name))}`);
    const ended = new Promise<void>((resolve) => {
      const sub = vscode.tasks.onDidEndTask((e) => {
        if (e.execution.task.definition.type === 'trial-report') {
          sub.dispose();
          resolve();
        }
      });
    });
    await vscode.tasks.executeTask(task);
    await ended;
    const fromTask = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'trial-report CLI');
    const unopened = workspaceUri('reports/unopened.trial.md');
    const cli = await waitForDiagnostics(unopened, (ds) => ds.some((d) => ruleId(d) === 'TR104'), 'the task\'s problems on the unopened report', WAIT_MS, fromTask);
    assert.deepEqual(
      cli.filter((d) => d.severity !== vscode.DiagnosticSeverity.Information).map((d) => [ruleId(d), vscode.DiagnosticSeverity[d.severity], d.range.start.line, d.range.start.character]).sort(),
      [['TR101', 'Error', 7, 14], ['TR104', 'Warning', 24, 23]],
    );
    // The open report keeps the extension's own diagnostics, with their full ranges and links (as
    // the extension host sees them; the matcher's own owner keeps the workbench's markers apart).
    assert.deepEqual(ours(grim.uri).map((d) => [ruleId(d), rangeOf(d.range), d.relatedInformation?.length ?? 0]), live.map((d) => [ruleId(d), rangeOf(d.range), d.relatedInformation?.length ?? 0]));
  });
});
