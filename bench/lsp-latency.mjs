// The language server as an editor sees it: `node dist/cli.js lsp --stdio` spawned, spoken to
// over stdio with JSON-RPC, a report opened, then one-character edits sent one after another
// (incremental sync); for each, the time from sending the edit to the diagnostics of that
// version arriving. `trialReport.debounceMs` is 0 here (the editor's default waits 300 ms after
// the last keystroke on purpose; that wait is not the server's cost). Used by bench/run.mjs.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node.js';

/** The q-quantile of `xs` (nearest rank). */
export const percentile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

/** Median and p95 (ms) of `edits` edits at offset `at` of `text`, after `warm` edits not counted. */
export async function lspEditLatency(root, text, at, { edits = 200, warm = 10 } = {}) {
  const child = spawn(process.execPath, [join(root, 'dist', 'cli.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    const w = waiting.get(p.version);
    if (w) {
      waiting.delete(p.version);
      w(p);
    }
  });
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({ debounceMs: 0 })));
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('window/logMessage', () => {});
  connection.listen();
  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } }, initializationOptions: { trusted: false } });
    await connection.sendNotification('initialized', {});
    const uri = 'file:///bench/bench.trial.md';
    const lineOf = (offset) => {
      let line = 0;
      let last = -1;
      for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
        line++;
        last = i;
      }
      return { line, character: offset - last - 1 };
    };
    const pos = lineOf(at);
    const published = (version) => new Promise((resolve) => waiting.set(version, resolve));
    let version = 1;
    let first = published(version);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
    await first;
    const xs = [];
    for (let i = 0; i < warm + edits; i++) {
      version++;
      const done = published(version);
      // Successive edits as a writer types them: each one lands after the last.
      const p = { line: pos.line, character: pos.character + i };
      const t0 = performance.now();
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: p, end: p }, text: 'abcd'[i % 4] }] });
      await done;
      if (i >= warm) xs.push(performance.now() - t0);
    }
    return { median: percentile(xs, 0.5), p95: percentile(xs, 0.95), edits };
  } finally {
    connection.dispose();
    child.kill();
  }
}
