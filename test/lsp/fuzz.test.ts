// The fuzz corpus through one language server over stdio: generated documents (the generators
// of `npm run fuzz`, fixed seed), the pathological bodies and the saved regression cases. Each is
// opened, edited incrementally, asked for hovers, code actions and completion, and closed; every
// document must get its diagnostics (inside the document) and every request an answer, and the
// server must still be answering at the end.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../helpers.js';
import { documentArb } from '../fuzz/generators.js';
import { PATHOLOGICAL } from '../fuzz/pathological.js';
import { loadRegressions } from '../fuzz/regressions.js';
import { fileUri, TestClient } from './client.js';

const SEED = 20261204;
const RUNS = 250;

function corpus(): { name: string; text: string }[] {
  const root = repoRoot();
  const generated = fc.sample(documentArb(root), { numRuns: RUNS, seed: SEED }).map((text, i) => ({ name: `generated ${i}`, text }));
  const pathological = Object.entries(PATHOLOGICAL).map(([name, body]) => ({ name, text: `---\ntrial:\n  title: x\n---\n\n## Results\n\n${body}` }));
  const saved = loadRegressions(path.join(root, 'test', 'fuzz', 'regressions')).map((r) => ({ name: r.file, text: r.text }));
  return [...generated, ...pathological, ...saved];
}

/** Line lengths as the protocol counts them (`\r\n`, `\n` or `\r` end a line). */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\n|\r/).map((l) => l.length);
}

function inside(d: Diagnostic, lengths: number[]): boolean {
  const ok = (p: { line: number; character: number }) => p.line >= 0 && p.line < lengths.length && p.character >= 0 && p.character <= lengths[p.line]!;
  return ok(d.range.start) && ok(d.range.end);
}

describe('language server: the fuzz corpus through one server over stdio', function () {
  this.timeout(900_000);
  let client: TestClient;

  before(async () => {
    // No debounce: each edit is checked at once (the wait is not what this measures).
    client = await TestClient.start({ name: 'fuzz', capabilities: { workspace: { configuration: true, workspaceEdit: { documentChanges: true } } }, settings: () => ({ debounceMs: 0 }) });
  });
  after(async () => client?.stop());

  it(`answers every document (${RUNS} generated, the pathological bodies, the saved regressions) and stays alive`, async () => {
    const docs = corpus();
    const problems: string[] = [];
    let answered = 0;
    const started = Date.now();
    let slowest = { ms: 0, name: '' };
    for (const [i, doc] of docs.entries()) {
      const t0 = Date.now();
      const uri = fileUri(path.join('/tmp', 'lsp-fuzz', `doc-${i}.trial.md`));
      await client.open(uri, doc.text);
      const first = await client.diagnostics(uri, (p) => p.version === 1);
      const lengths = lineLengths(doc.text);
      if (!first.diagnostics.every((d) => inside(d, lengths))) problems.push(`${doc.name}: a diagnostic outside the document`);
      // An incremental edit in the middle, as typing would make.
      const line = Math.floor(lengths.length / 2);
      const at = { line, character: 0 };
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: at, end: at }, text: '60% of 38 (23/38) ' }] });
      const second = await client.diagnostics(uri, (p) => p.version === 2);
      const lengths2 = lengths.map((n, j) => (j === line ? n + '60% of 38 (23/38) '.length : n));
      if (!second.diagnostics.every((d) => inside(d, lengths2))) problems.push(`${doc.name}: after the edit, a diagnostic outside the document`);
      const whole = { start: { line: 0, character: 0 }, end: { line: lengths2.length - 1, character: lengths2[lengths2.length - 1]! } };
      const [actions, hover, completion] = await Promise.all([
        client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: second.diagnostics } }),
        client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 1 } }),
        client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 0 } }),
      ]);
      if (!Array.isArray(actions)) problems.push(`${doc.name}: code actions answered ${JSON.stringify(actions)}`);
      if (hover !== null && typeof hover !== 'object') problems.push(`${doc.name}: hover answered ${JSON.stringify(hover)}`);
      if (!Array.isArray(completion)) problems.push(`${doc.name}: completion answered ${JSON.stringify(completion)}`);
      await client.close(uri);
      answered++;
      const ms = Date.now() - t0;
      if (ms > slowest.ms) slowest = { ms, name: doc.name };
    }
    assert.deepEqual(problems, []);
    assert.equal(answered, docs.length);
    // Still alive and answering.
    assert.equal(client.exited, undefined);
    const uri = fileUri('/tmp/lsp-fuzz/last.trial.md');
    await client.open(uri, '---\ntrial:\n  title: x\n  randomized: 38\n---\n\n## Results\n\n60% of 38.\n');
    const last = await client.diagnostics(uri, (p) => p.version === 1);
    assert.ok(Array.isArray(last.diagnostics));
    assert.equal(client.exited, undefined);
    // Nothing went wrong inside either: the server logged no error (MessageType 1) to its client.
    assert.deepEqual(fs.readFileSync(client.logFile, 'utf8').split('\n').filter((l) => l.startsWith('[1]')), []);
    console.log(`      lsp fuzz: ${docs.length} documents, each opened, edited, asked three requests and closed, in ${((Date.now() - started) / 1000).toFixed(1)} s; slowest ${slowest.ms} ms (${slowest.name}); log ${client.logFile}`);
  });
});
