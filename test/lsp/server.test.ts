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
import { completionsAt } from '../../src/extension/assist.js';
import { quickFixPlans } from '../../src/extension/fixes.js';
import { repoRoot } from '../helpers.js';
import { applyLspEdits, expectedDiagnostic, fileUri, TestClient } from './client.js';

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

  before(async () => {
    client = await TestClient.start({ name: 'push', capabilities: CAPABILITIES, settings: () => settings });
  });
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

  it('offers the quick fixes of the extension at a flagged number, and applying one fixes it', async () => {
    const file = path.join(path.dirname(SEED), 'quick-fix-copy.trial.md');
    const uri = fileUri(file);
    const text = seedText();
    await client.open(uri, text);
    const published = await client.diagnostics(uri, (p) => p.version === 1);
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
    const file = path.join(path.dirname(SEED), 'fix-all-copy.trial.md');
    const uri = fileUri(file);
    const text = seedText();
    await client.open(uri, text);
    await client.diagnostics(uri, (p) => p.version === 1);
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
    const file = path.join(path.dirname(SEED), 'assist-copy.trial.md');
    const uri = fileUri(file);
    const text = seedText();
    await client.open(uri, text);
    await client.diagnostics(uri, (p) => p.version === 1);
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
    const file = path.join(path.dirname(SEED), 'boundary-copy.trial.md');
    const uri = fileUri(file);
    await client.open(uri, seedText());
    await client.diagnostics(uri, (p) => p.version === 1);
    // A request without its range: the handler throws, the boundary answers no actions.
    const actions: unknown = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, context: { diagnostics: [] } });
    assert.deepEqual(actions, []);
    assert.ok(fs.readFileSync(client.logFile, 'utf8').split('\n').some((l) => l.startsWith('[1] Code actions: TypeError')), 'the error is logged');
    const hover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(seedText(), 'reached by 60% of patients', '60%') });
    assert.ok((hover.contents as MarkupContent).value.includes('23/38'));
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

  before(async () => {
    client = await TestClient.start({ name: 'pull', capabilities: { ...CAPABILITIES, textDocument: { ...CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: false } } } });
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

  it('honours $/cancelRequest: a cancelled pull answers RequestCancelled', async () => {
    const uri = fileUri(SEED);
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, source.token);
    source.cancel();
    await assert.rejects(pending, (e: { code?: number }) => e.code === -32800);
    // Still answering.
    const report: { kind: string } = await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.kind, 'full');
  });
});

describe('language server: workspace trust (initializationOptions.trusted)', function () {
  this.timeout(120_000);
  let dir: string;
  let report: string;
  let text: string;
  const started: TestClient[] = [];

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsp-trust-'));
    // A custom schema: the bundled one, with `sponsor` required at the top level.
    const custom = { ...(BUNDLED_SCHEMA as Record<string, unknown>), $id: 'https://example.org/custom.schema.json' } as Record<string, unknown>;
    custom['required'] = [...((custom['required'] as string[] | undefined) ?? []), 'sponsor'];
    fs.writeFileSync(path.join(dir, 'custom.schema.json'), JSON.stringify(custom));
    report = path.join(dir, 'report.trial.md');
    text = seedText().replace(/^---\n/, '---\n$schema: ./custom.schema.json\n');
    fs.writeFileSync(report, text);
  });
  after(async () => {
    for (const c of started) await c.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const options = (trusted: boolean): CheckOptions => ({ fileName: report, loadSchema: makeLoadSchema({ trusted, documentDir: dir, store: new SchemaStore() }) });

  it('untrusted (the default): the $schema is not loaded, TR203 says so as info', async () => {
    const client = await TestClient.start({ name: 'untrusted', rootUri: fileUri(dir), capabilities: CAPABILITIES });
    started.push(client);
    const uri = fileUri(report);
    await client.open(uri, text);
    const published = await client.diagnostics(uri);
    const want = analyzeDocument(text, options(false)).findings.map((f) => expectedDiagnostic(f, uri));
    assert.deepEqual(published.diagnostics, want);
    const tr203 = published.diagnostics.filter((d) => d.code === 'TR203');
    assert.deepEqual(tr203.map((d) => [d.severity, d.message.includes(UNTRUSTED_SCHEMA_MESSAGE)]), [[3, true]]);
  });

  it('trusted: the $schema is loaded and applies', async () => {
    const client = await TestClient.start({ name: 'trusted', rootUri: fileUri(dir), capabilities: CAPABILITIES, initializationOptions: { trusted: true } });
    started.push(client);
    const uri = fileUri(report);
    await client.open(uri, text);
    const published = await client.diagnostics(uri);
    const want = analyzeDocument(text, options(true)).findings.map((f) => expectedDiagnostic(f, uri));
    assert.deepEqual(published.diagnostics, want);
    assert.deepEqual(published.diagnostics.filter((d) => d.code === 'TR203'), []);
    assert.ok(published.diagnostics.some((d) => d.message.includes('sponsor')), JSON.stringify(published.diagnostics.map((d) => d.message)));
  });
});
