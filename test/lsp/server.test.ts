// `trial-report lsp --stdio` over a real stdio connection (client.ts): what an LSP editor sees
// must be exactly what the library finds, and what the VS Code extension offers.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource, type CodeAction, type CompletionItem, type Hover, type MarkupContent, type PublishDiagnosticsParams, type TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { analyzeDocument } from '../../src/core/check.js';
import { applyEdits, selectFixes } from '../../src/core/fixes.js';
import { BUNDLED_SCHEMA } from '../../src/core/schema.js';
import type { CheckOptions } from '../../src/core/types.js';
import { makeLoadSchema, SchemaStore, UNTRUSTED_SCHEMA_MESSAGE } from '../../src/host/schema-source.js';
import { reportingItems } from '../../src/core/rules/reporting-item-missing.js';
import { completionsAt } from '../../src/extension/assist.js';
import { renderReport, renderReportBody } from '../../src/preview/render.js';
import { quickFixPlans } from '../../src/extension/fixes.js';
import { repoRoot } from '../helpers.js';
import { applyLspEdits, expectedDiagnostic, fileUri, SettingsGate, TestClient } from './client.js';

const SEED = path.join(repoRoot(), 'examples', 'il2-lupus-news.trial.md');
const seedText = (): string => fs.readFileSync(SEED, 'utf8');

function expected(text: string, uri: string, options: CheckOptions = {}) {
  return analyzeDocument(text, { fileName: SEED, ...options }).findings.map((f) => expectedDiagnostic(f, uri));
}

/** The 0-based position of `needle` on the first line containing `lineText`. */
function positionOf(text: string, lineText: string, needle: string): { line: number; character: number } {
  const lines = text.split(/\r?\n/);
  const line = lines.findIndex((l) => l.includes(lineText));
  assert.ok(line >= 0, `no line with ${lineText}`);
  return { line, character: lines[line]!.indexOf(needle) };
}

const CAPABILITIES = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true }, didChangeConfiguration: { dynamicRegistration: false } },
  textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } } },
};

function editsOf(action: CodeAction): { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[] {
  const change = action.edit?.documentChanges?.[0] as TextDocumentEdit | undefined;
  assert.ok(change, `${action.title}: no document change`);
  return change.edits;
}

describe('language server: trial-report lsp --stdio (push diagnostics)', function () {
  this.timeout(120_000);
  let client: TestClient;
  let settings: unknown = {};
  const gate = new SettingsGate();

  before(async () => {
    client = await TestClient.start({
      name: 'push',
      capabilities: CAPABILITIES,
      settings: async () => {
        await gate.pass();
        return settings;
      },
    });
  });

  /** Opens the seed example's text as another file beside it and waits for its first diagnostics. */
  async function openCopy(name: string): Promise<{ file: string; uri: string; text: string; published: PublishDiagnosticsParams }> {
    const file = path.join(path.dirname(SEED), name);
    const uri = fileUri(file);
    const text = seedText();
    await client.open(uri, text);
    return { file, uri, text, published: await client.diagnostics(uri, (p) => p.version === 1) };
  }
  after(async () => client?.stop());

  it('answers initialize with its capabilities: incremental sync, code actions, hover, completion', () => {
    assert.deepEqual(client.initializeResult.capabilities, {
      textDocumentSync: { openClose: true, change: 2 },
      codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.trialReport'] },
      hoverProvider: true,
      completionProvider: { triggerCharacters: [':', ' ', '-', '[', ','] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    });
    assert.equal(client.initializeResult.serverInfo?.name, 'trial-report');
  });

  it('publishes for the seed example exactly the findings analyzeDocument returns, then follows an incremental edit (60% → 60.5%)', async () => {
    const uri = fileUri(SEED);
    const text = seedText();
    await client.open(uri, text);
    const first = await client.diagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(first.diagnostics, expected(text, uri));
    assert.deepEqual(first.diagnostics.filter((d) => d.code === 'TR104').length, 4);

    const at = positionOf(text, 'reached by 60% of patients', '60%');
    const insertAt = { line: at.line, character: at.character + 2 };
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: insertAt, end: insertAt }, text: '.5' }],
    });
    const edited = applyLspEdits(text, [{ range: { start: insertAt, end: insertAt }, newText: '.5' }]);
    assert.ok(edited.includes('reached by 60.5% of patients'));
    const second = await client.diagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(second.diagnostics, expected(edited, uri));
    assert.deepEqual(second.diagnostics.filter((d) => d.code === 'TR104').length, 3);
    assert.ok(!second.diagnostics.some((d) => d.code === 'TR104' && d.range.start.line === at.line));
    await client.close(uri);
    const cleared = await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
    assert.deepEqual(cleared.diagnostics, []);
  });

  it('a newer version supersedes a pending check: only the newest version is published', async () => {
    const uri = fileUri(path.join(path.dirname(SEED), 'superseded-copy.trial.md'));
    const text = seedText();
    // The check of version 1 waits for its settings while versions 2 and 3 arrive.
    const held = gate.hold();
    await client.open(uri, text);
    await held.asked;
    const v2 = `${text}\nTwo.\n`;
    const v3 = `${v2}Three.\n`;
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: v2 }] });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: v3 }] });
    held.release();
    const published = await client.diagnostics(uri);
    assert.deepEqual(client.published.filter((p) => p.uri === uri).map((p) => p.version), [3]);
    assert.deepEqual(published.diagnostics, expected(v3, uri));
    await client.close(uri);
  });

  it('offers the quick fixes of the extension at a flagged number, and applying one fixes it', async () => {
    const { file, uri, text, published } = await openCopy('quick-fix-copy.trial.md');
    const at = positionOf(text, 'reached by 60% of patients', '60%');
    const range = { start: at, end: { line: at.line, character: at.character + 3 } };
    const diagnostic = published.diagnostics.find((d) => d.code === 'TR104' && d.range.start.line === at.line);
    assert.ok(diagnostic);
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [diagnostic] } });
    const titles = actions.map((a) => a.title);
    assert.deepEqual(titles, ['Replace 60% with 60.5%', 'Replace 60% with 61%', 'Suppress TR104 here with a justification comment', 'Fix all TR104 problems in this file (4)']);
    // The extension's own plans (src/extension/fixes.ts) for the finding there: the same titles.
    const analysis = analyzeDocument(text, { fileName: file });
    const here = analysis.findings.filter((f) => f.range.start.line === at.line + 1 && f.ruleId === 'TR104');
    assert.deepEqual(titles, quickFixPlans(analysis.findings, here, { text, model: analysis.model }).map((p) => p.title));
    assert.deepEqual(actions.map((a) => a.kind), ['quickfix', 'quickfix', 'quickfix', 'quickfix']);
    assert.deepEqual(actions[0]!.isPreferred, true);
    assert.deepEqual(actions[0]!.diagnostics, [diagnostic]);

    const replace = actions[0]!;
    const change = replace.edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    const fixed = applyLspEdits(text, editsOf(replace));
    assert.ok(fixed.includes('reached by 60.5% of patients'));
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: editsOf(replace).map((e) => ({ range: e.range, text: e.newText })) });
    const after = await client.diagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(after.diagnostics, expected(fixed, uri, { fileName: file }));
    assert.ok(!after.diagnostics.some((d) => d.code === 'TR104' && d.range.start.line === at.line));
    await client.close(uri);
  });

  it('source.fixAll.trialReport applies every preferred fix, the same edits as check --fix', async () => {
    const { file, uri, text } = await openCopy('fix-all-copy.trial.md');
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all auto-fixable Trial Report problems (4)', 'source.fixAll.trialReport']]);
    const fixed = applyLspEdits(text, editsOf(actions[0]!));
    const analysis = analyzeDocument(text, { fileName: file });
    assert.equal(fixed, applyEdits(text, selectFixes(analysis.findings, text).edits));
    assert.deepEqual(analyzeDocument(fixed, { fileName: file }).findings.filter((f) => f.ruleId === 'TR104'), []);
    // A quick-fix-only request offers no source action, and a request for another kind nothing.
    const refactor: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['refactor'] } });
    assert.deepEqual(refactor, []);
    await client.close(uri);
  });

  it('hovers on a body number and completes front-matter values as the extension does', async () => {
    const { file, uri, text } = await openCopy('assist-copy.trial.md');
    const at = positionOf(text, 'reached by 60% of patients', '60%');
    const hover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: at.line, character: at.character + 1 } });
    const value = (hover.contents as MarkupContent).value;
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.ok(value.includes('`23/38 = 60.53%`'), value);
    assert.ok(value.includes('Wilson 95% CI 44.7% to 74.4%'), value);
    assert.deepEqual(hover.range, { start: at, end: { line: at.line, character: at.character + 3 } });
    const nothing: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 41, character: 0 } });
    assert.equal(nothing, null);

    // `type: binary` of the endpoint: the cursor after `type: ` completes the endpoint types.
    const type = positionOf(text, '    type: binary', 'binary');
    const items: CompletionItem[] = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: type });
    const analysis = analyzeDocument(text, { fileName: file });
    const theirs = completionsAt(text, { line: type.line + 1, column: type.character + 1 }, BUNDLED_SCHEMA, analysis.model) ?? [];
    assert.ok(items.length > 0);
    assert.deepEqual(items.map((i) => i.label), theirs.map((e) => e.label));
    assert.ok(items.some((i) => i.label === 'binary'));
    const binary = items.find((i) => i.label === 'binary')!;
    assert.deepEqual(binary.textEdit, { range: { start: type, end: { line: type.line, character: type.character + 'binary'.length } }, newText: 'binary' });
    await client.close(uri);
  });

  it('turns an exception in a handler into a logged error and an empty answer, and keeps answering', async () => {
    const { uri } = await openCopy('boundary-copy.trial.md');
    // A request without its range: the handler throws, the boundary answers no actions.
    const actions: unknown = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, context: { diagnostics: [] } });
    assert.deepEqual(actions, []);
    assert.ok(fs.readFileSync(client.logFile, 'utf8').split('\n').some((l) => l.startsWith('[1] Code actions: TypeError')), 'the error is logged');
    const hover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(seedText(), 'reached by 60% of patients', '60%') });
    assert.ok((hover.contents as MarkupContent).value.includes('23/38'));
    await client.close(uri);
  });

  it('trialReport/checkFile: the diagnostics of an unopened file, answered and neither published nor kept', async () => {
    const uri = fileUri(path.join(path.dirname(SEED), 'unopened-copy.trial.md'));
    const text = seedText();
    const count = client.published.length;
    const answer: unknown = await client.connection.sendRequest('trialReport/checkFile', { textDocument: { uri }, text });
    assert.deepEqual(answer, { kind: 'checked', diagnostics: expected(text, uri) });
    const readme = fileUri(path.join(path.dirname(SEED), 'README-copy.md'));
    assert.deepEqual(await client.connection.sendRequest('trialReport/checkFile', { textDocument: { uri: readme }, text: '# Notes\n\n60% of 38.\n' }), { kind: 'not-trial', diagnostics: [] });
    // An open document is answered as the editor has it.
    const { uri: open, text: openText } = await openCopy('checkfile-open-copy.trial.md');
    assert.deepEqual(await client.connection.sendRequest('trialReport/checkFile', { textDocument: { uri: open }, text: 'not what the editor has' }), { kind: 'checked', diagnostics: expected(openText, open) });
    await client.close(open);
    assert.ok(!client.published.slice(count).some((p) => p.uri === uri || p.uri === readme), 'nothing published for the unopened files');
  });

  it('trialReport/analysis and trialReport/render: the checklist, schema and report HTML of the version the server has', async () => {
    const { file, uri, text } = await openCopy('report-copy.trial.md');
    const analysis = analyzeDocument(text, { fileName: file });
    assert.deepEqual(await client.connection.sendRequest('trialReport/analysis', { textDocument: { uri } }), {
      kind: 'checked',
      version: 1,
      schema: 'bundled',
      checklist: reportingItems(analysis.model).map((i) => ({ label: i.label, present: i.present, detail: i.detail, range: i.range })),
    });
    const webview = { mode: 'webview', title: 'report-copy.trial.md' } as const;
    assert.deepEqual(await client.connection.sendRequest('trialReport/render', { textDocument: { uri }, options: webview, part: 'body' }), {
      kind: 'checked',
      version: 1,
      html: renderReportBody(analysis, { ...webview, version: 1 }),
    });
    const standalone = { mode: 'standalone', inlineCss: 'body { color: black; }', title: 'report-copy.trial.md' } as const;
    assert.deepEqual(await client.connection.sendRequest('trialReport/render', { textDocument: { uri }, options: standalone, part: 'page' }), {
      kind: 'checked',
      version: 1,
      html: renderReport(analysis, { ...standalone, version: 1 }),
    });
    await client.close(uri);
    // Not open: checked from the text sent, else null; an ordinary Markdown file is no report.
    assert.deepEqual(await client.connection.sendRequest('trialReport/analysis', { textDocument: { uri } }), null);
    const fromText = (await client.connection.sendRequest('trialReport/analysis', { textDocument: { uri }, text })) as { kind: string; version: number };
    assert.deepEqual([fromText.kind, fromText.version], ['checked', 0]);
    const readme = fileUri(path.join(path.dirname(SEED), 'README-copy.md'));
    assert.deepEqual(await client.connection.sendRequest('trialReport/render', { textDocument: { uri: readme }, text: '# Notes\n', options: webview, part: 'body' }), { kind: 'not-trial', version: 0 });
  });

  it('checks the open documents again when a watched *.json file changes (a custom schema may be it)', async () => {
    const { uri, published } = await openCopy('watched-copy.trial.md');
    const count = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(os.tmpdir(), 'house.schema.json')), type: 2 }] });
    const again = await client.diagnostics(uri, (p) => client.published.indexOf(p) >= count);
    assert.deepEqual(again.diagnostics, published.diagnostics);
    await client.close(uri);
  });

  it('reads trialReport.* with workspace/configuration and re-reads it on didChangeConfiguration', async () => {
    const uri = fileUri(SEED);
    const text = seedText();
    settings = { rules: { TR303: 'off', TR104: 'error' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.open(uri, text, 7);
    const published = await client.diagnostics(uri, (p) => p.version === 7);
    assert.deepEqual(published.diagnostics, expected(text, uri, { rules: { TR303: 'off', TR104: 'error' } }));
    assert.deepEqual([...new Set(published.diagnostics.map((d) => `${d.code}:${d.severity}`))], ['TR104:1']);
    assert.ok(client.configurationRequests.some((r) => JSON.stringify(r) === JSON.stringify({ items: [{ scopeUri: uri, section: 'trialReport' }] })));

    // Back to the defaults: the open document is checked again with them.
    settings = {};
    const count = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const again = await client.diagnostics(uri, (p) => client.published.indexOf(p) >= count);
    assert.deepEqual(again.diagnostics, expected(text, uri));
    await client.close(uri);
    settings = {};
  });
});

describe('language server: pull diagnostics (textDocument/diagnostic)', function () {
  this.timeout(120_000);
  let client: TestClient;
  const gate = new SettingsGate();

  before(async () => {
    client = await TestClient.start({
      name: 'pull',
      capabilities: { ...CAPABILITIES, textDocument: { ...CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: false } } },
      settings: async () => {
        await gate.pass();
        return {};
      },
    });
  });
  after(async () => client?.stop());

  it('advertises a diagnostic provider, answers pulls exactly, and then pushes nothing', async () => {
    assert.deepEqual(client.initializeResult.capabilities.diagnosticProvider, { identifier: 'trial-report', interFileDependencies: false, workspaceDiagnostics: false });
    const uri = fileUri(SEED);
    const text = seedText();
    await client.open(uri, text);
    const report: { kind: string; items: unknown[]; resultId?: string } = await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    assert.deepEqual(report.items, expected(text, uri));
    const unchanged: { kind: string; resultId?: string } = await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: report.resultId });
    assert.deepEqual(unchanged, { kind: 'unchanged', resultId: report.resultId });
    assert.deepEqual(client.published.filter((p: PublishDiagnosticsParams) => p.uri === uri), []);
  });

  it('honours $/cancelRequest: a pull cancelled while it waits answers RequestCancelled', async () => {
    const uri = fileUri(path.join(path.dirname(SEED), 'cancelled-copy.trial.md'));
    await client.open(uri, seedText());
    // The server asks for the document's settings before it checks: hold the answer until the
    // cancellation has been sent, so the server sees it whatever the timing.
    const held = gate.hold();
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, source.token);
    await held.asked;
    source.cancel();
    held.release();
    await assert.rejects(pending, (e: { code?: number }) => e.code === -32800);
    // Still answering.
    const report: { kind: string; items: unknown[] } = await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    assert.deepEqual(report.items, expected(seedText(), uri));
  });

  it('a pull overtaken by a newer version answers ServerCancelled, retrigger', async () => {
    const uri = fileUri(path.join(path.dirname(SEED), 'overtaken-copy.trial.md'));
    const text = seedText();
    await client.open(uri, text);
    const held = gate.hold();
    const pending = client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    await held.asked;
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `${text}\nMore.\n` }] });
    held.release();
    await assert.rejects(pending, (e: { code?: number; data?: unknown }) => e.code === -32802 && JSON.stringify(e.data) === '{"retriggerRequest":true}');
    const report: { kind: string; items: unknown[] } = await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    assert.deepEqual(report.items, expected(`${text}\nMore.\n`, uri));
  });
});

describe('language server: workspace trust (initializationOptions.trusted)', function () {
  this.timeout(120_000);
  let dir: string;
  let text: string;
  const started: TestClient[] = [];

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsp-trust-'));
    // A custom schema: the bundled one, with `sponsor` required at the top level.
    const custom = { ...(BUNDLED_SCHEMA as Record<string, unknown>), $id: 'https://example.org/custom.schema.json' } as Record<string, unknown>;
    custom['required'] = [...((custom['required'] as string[] | undefined) ?? []), 'sponsor'];
    fs.writeFileSync(path.join(dir, 'custom.schema.json'), JSON.stringify(custom));
    text = seedText().replace(/^---\n/, '---\n$schema: ./custom.schema.json\n');
    fs.writeFileSync(path.join(dir, 'report.trial.md'), text);
  });
  after(async () => {
    for (const c of started) await c.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Starts a server (trusted or not, with these settings), opens `name` with `body` and returns its diagnostics and what analyzeDocument expects. */
  async function check(trusted: boolean, name: string, body: string, settings: unknown, expectOptions: CheckOptions) {
    const client = await TestClient.start({
      name: trusted ? 'trusted' : 'untrusted',
      rootUri: fileUri(dir),
      capabilities: CAPABILITIES,
      settings: () => settings,
      ...(trusted ? { initializationOptions: { trusted: true } } : {}),
    });
    started.push(client);
    const file = path.join(dir, name);
    const uri = fileUri(file);
    await client.open(uri, body);
    const published = await client.diagnostics(uri);
    const want = analyzeDocument(body, { fileName: file, ...expectOptions }).findings.map((f) => expectedDiagnostic(f, uri));
    return { got: published.diagnostics, want };
  }
  const loadSchema = (trusted: boolean): NonNullable<CheckOptions['loadSchema']> => makeLoadSchema({ trusted, documentDir: dir, store: new SchemaStore() });
  const sponsor = (ds: { message: string }[]): boolean => ds.some((d) => d.message.includes('sponsor'));

  it('untrusted (the default): the $schema is not loaded, TR203 says so as info', async () => {
    const { got, want } = await check(false, 'report.trial.md', text, {}, { loadSchema: loadSchema(false) });
    assert.deepEqual(got, want);
    const tr203 = got.filter((d) => d.code === 'TR203');
    assert.deepEqual(tr203.map((d) => [d.severity, d.message.includes(UNTRUSTED_SCHEMA_MESSAGE)]), [[3, true]]);
    assert.equal(sponsor(got), false);
  });

  it('trusted: the $schema is loaded and applies', async () => {
    const { got, want } = await check(true, 'report.trial.md', text, {}, { loadSchema: loadSchema(true) });
    assert.deepEqual(got, want);
    assert.deepEqual(got.filter((d) => d.code === 'TR203'), []);
    assert.ok(sponsor(got), JSON.stringify(got.map((d) => d.message)));
  });

  it('the trialReport.schema setting: ignored untrusted, applied trusted', async () => {
    const custom = JSON.parse(fs.readFileSync(path.join(dir, 'custom.schema.json'), 'utf8')) as object;
    const untrusted = await check(false, 'plain.trial.md', seedText(), { schema: 'custom.schema.json' }, {});
    assert.deepEqual(untrusted.got, untrusted.want);
    assert.equal(sponsor(untrusted.got), false);
    const trusted = await check(true, 'plain.trial.md', seedText(), { schema: 'custom.schema.json' }, { schema: custom });
    assert.deepEqual(trusted.got, trusted.want);
    assert.ok(sponsor(trusted.got));
  });
});
