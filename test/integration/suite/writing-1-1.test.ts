// Format 1.1 in a real VS Code (issue 14): New Report writing a continuous outcome with its scale,
// completion of the scale's keys, and a possible-mean fix applied in the editor. The dialogue,
// the template and the completions are unit-tested (test/extension); this proves the glue.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  allOurs, closeAllEditors, codeActions, completionLabels, describeDiagnostics, EXTENSION_ID, lineOf, open, ours, ruleId, setLine, undo, until, WAIT_MS,
  waitForDiagnostics, workspaceUri,
} from './helpers.js';

const KNEE = 'knee-exercise-continuous.trial.md';

/** The endpoint keys of the bundled schema, as the packaged extension ships it. */
function endpointKeys(): string[] {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext);
  const schema = JSON.parse(fs.readFileSync(vscode.Uri.joinPath(ext.extensionUri, 'schemas/trial-summary.schema.json').fsPath, 'utf8')) as {
    $defs: { endpoint: { properties: Record<string, unknown> } };
  };
  return Object.keys(schema.$defs.endpoint.properties);
}

describe('Format 1.1 writing tools in a real VS Code (extension host)', () => {
  after(async () => {
    await vscode.workspace.getConfiguration('files').update('simpleDialog.enable', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
  });

  it('New Report writes a continuous outcome with the scale answered, and the report has no error or warning', async () => {
    await vscode.workspace.getConfiguration('files').update('simpleDialog.enable', true, vscode.ConfigurationTarget.Workspace);
    const expected = workspaceUri('exercise-for-knee-pain-a-randomised-trial.trial.md');
    assert.equal(fs.existsSync(expected.fsPath), false);
    // The answers are proposed through the command's argument (as a keybinding's `args` would) and
    // every question is accepted with Enter, as a writer does: the quick input gives no event to
    // wait on, so keep pressing Enter until the report opens.
    const done = vscode.commands.executeCommand('trialReport.newReport', {
      title: 'Exercise for knee pain: a randomised trial',
      arms: ['Exercise', 'Usual care'],
      endpoints: [{ type: 'continuous', scale: { min: 0, max: 20, step: 1 } }, { type: 'time-to-event' }],
      flowKnown: true,
    });
    const enter = setInterval(() => void vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'), 300);
    try {
      await until('the new report in the active editor', () => vscode.window.activeTextEditor?.document.uri.toString() === expected.toString(), 60_000);
      await done;
    } finally {
      clearInterval(enter);
    }
    const doc = vscode.window.activeTextEditor!.document;
    const text = doc.getText();
    assert.equal(fs.readFileSync(expected.fsPath, 'utf8'), text, 'written to disk as shown');
    assert.match(text, /\n {4}type: continuous\n {4}scale: +# .*\n {6}min: 0 +# .*\n {6}max: 20 +# .*\n {6}step: 1 +# .*\n {6}# items: 1 +# .*\n {4}change: false +# .*\n {4}results:\n {6}exercise: \{ mean: 0\.0, sd: 0\.0, n: 0 \}\n {6}usual-care: \{ mean: 0\.0, sd: 0\.0, n: 0 \}\n/);
    assert.match(text, /\n {4}type: time-to-event\n {4}results: +# .*\n {6}exercise: \{ events: 0, n: 0, median: 0\.0, median_ci: \[0\.0, 0\.0\] \}\n/);
    assert.match(text, /\n {2}assessed: 0 +# assessed for eligibility\n/);
    assert.match(text, /\n {4}completed: 0 +# completed the study\n/);
    const all = await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => ruleId(d) === 'TR303'), 'the checklist notes on the new report', WAIT_MS, allOurs);
    assert.deepEqual(ours(doc.uri), [], describeDiagnostics(all));

    // Completion inside the generated scale: the keys not yet written.
    const original = doc.getText();
    const step = lineOf(doc, '      step: 1');
    await setLine(doc, step, '      ');
    assert.deepEqual((await completionLabels(doc, new vscode.Position(step, 6))).sort(), ['items', 'step']);
    await undo(doc);
    assert.equal(doc.getText(), original);
  });

  it('completes scale and change on a continuous endpoint, and the keys of a block scale', async () => {
    const doc = await open(KNEE);
    const original = doc.getText();
    // (The completion provider analyses the text it is asked about: no check to wait for.)
    // The catastrophizing endpoint without its scale: a new line offers the endpoint keys not written.
    const scaleLine = lineOf(doc, '    scale: { min: 0, max: 52, step: 1 }');
    await setLine(doc, scaleLine, '    ');
    const keys = await completionLabels(doc, new vscode.Position(scaleLine, 4));
    const written = ['id', 'label', 'type', 'aliases', 'results'];
    assert.deepEqual([...keys].sort(), endpointKeys().filter((k) => !written.includes(k)).sort());
    assert.ok(keys.includes('scale') && keys.includes('change'));
    await undo(doc);
    assert.equal(doc.getText(), original);
    // A block scale being written: its keys not yet there.
    await setLine(doc, scaleLine, '    scale:\n      min: 0\n      ');
    assert.deepEqual((await completionLabels(doc, new vscode.Position(scaleLine + 2, 6))).sort(), ['items', 'max', 'step']);
    await undo(doc);
    assert.equal(doc.getText(), original);
  });

  it('flags the impossible mean 18.25 (TR116) and its quick fix writes a possible one', async () => {
    const doc = await open(KNEE);
    const original = doc.getText();
    const line = lineOf(doc, 'mean: 18.25');
    const isTr116 = (d: vscode.Diagnostic): boolean => ruleId(d) === 'TR116';
    const [grim] = (await waitForDiagnostics(doc.uri, (ds) => ds.some(isTr116), 'the TR116 finding')).filter(isTr116);
    assert.ok(grim);
    assert.equal(grim.range.start.line, line, 'on the line of mean: 18.25');
    assert.equal(doc.getText(grim.range), '18.25');
    assert.equal(grim.severity, vscode.DiagnosticSeverity.Error);
    const fixes = (await codeActions(doc.uri, grim.range, vscode.CodeActionKind.QuickFix)).filter((a) => /^Replace 18\.25 with /.test(a.title));
    assert.deepEqual(fixes.map((a) => a.title), ['Replace 18.25 with 18.21', 'Replace 18.25 with 18.29']);
    const preferred = fixes.find((a) => a.isPreferred) ?? fixes[0]!;
    await vscode.window.showTextDocument(doc);
    assert.equal(await vscode.workspace.applyEdit(preferred.edit!), true);
    assert.match(doc.lineAt(line).text, /exercise: \{ mean: (18\.21|18\.29), sd: 6\.1, n: 14 \}/);
    await waitForDiagnostics(doc.uri, (ds) => !ds.some(isTr116), 'TR116 to go once the mean is possible');
    await undo(doc);
    assert.equal(doc.getText(), original);
    await waitForDiagnostics(doc.uri, (ds) => ds.some(isTr116), 'TR116 back after undo');
  });
});
