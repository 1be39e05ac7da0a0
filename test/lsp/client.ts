// A language client for the protocol tests: spawns `node dist/cli.js lsp --stdio` (built by
// `node esbuild.mjs`) and speaks JSON-RPC to it over the child's stdin and stdout, as an editor
// does. The server's stderr and its log messages go to a file of its own under /tmp.
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type ClientCapabilities,
  createMessageConnection,
  type Diagnostic,
  type InitializeResult,
  type MessageConnection,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import type { Finding } from '../../src/core/types.js';
import { repoRoot } from '../helpers.js';

let logCount = 0;

/**
 * Holds back the client's answer to the next `workspace/configuration` request until released:
 * the server checks only after it has the settings, so whatever the test sends meanwhile (a
 * cancellation, newer versions) reaches it first, whatever the timing.
 */
export class SettingsGate {
  private next: { asked: () => void; answer: Promise<void> } | undefined;

  /** Call from the client's `settings` answer. */
  async pass(): Promise<void> {
    const g = this.next;
    this.next = undefined;
    g?.asked();
    await g?.answer;
  }

  hold(): { asked: Promise<void>; release: () => void } {
    let release!: () => void;
    let asked!: () => void;
    const answer = new Promise<void>((r) => (release = r));
    const wasAsked = new Promise<void>((r) => (asked = r));
    this.next = { asked, answer };
    return { asked: wasAsked, release };
  }
}

export interface StartOptions {
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  /** The answer to each `workspace/configuration` item (the `trialReport` section); a promise holds the answer back. */
  settings?: () => unknown;
  rootUri?: string | null;
  /** Names the log file: /tmp/lsp-<name>-<pid>-<n>.log. */
  name: string;
}

export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly configurationRequests: unknown[] = [];
  private readonly waiters: { test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  exited: number | null | undefined;
  initializeResult!: InitializeResult;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
    readonly logFile: string,
  ) {}

  static async start(options: StartOptions): Promise<TestClient> {
    const logFile = path.join(os.tmpdir(), `lsp-${options.name}-${process.pid}-${++logCount}.log`);
    const log = fs.openSync(logFile, 'w');
    const child = spawn(process.execPath, [path.join(repoRoot(), 'dist', 'cli.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', log] });
    fs.closeSync(log);
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection, logFile);
    child.on('exit', (code) => (client.exited = code));
    connection.onNotification('window/logMessage', (m: { type: number; message: string }) => fs.appendFileSync(logFile, `[${m.type}] ${m.message}\n`));
    connection.onNotification('window/showMessage', (m: { type: number; message: string }) => fs.appendFileSync(logFile, `[show ${m.type}] ${m.message}\n`));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      client.published.push(p);
      for (const w of client.waiters.splice(0)) {
        if (w.test(p)) w.resolve(p);
        else client.waiters.push(w);
      }
    });
    connection.onRequest('workspace/configuration', async (params: { items: unknown[] }) => {
      client.configurationRequests.push(params);
      return Promise.all(params.items.map(async () => (await options.settings?.()) ?? {}));
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => null);
    connection.listen();
    client.initializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      capabilities: options.capabilities ?? {},
      ...(options.initializationOptions !== undefined ? { initializationOptions: options.initializationOptions } : {}),
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  /** The next publication for `uri` that passes `test` (or one already received, newest first). */
  diagnostics(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const seen = [...this.published].reverse().find((p) => p.uri === uri && test(p));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ test: (p) => p.uri === uri && test(p), resolve }));
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async stop(): Promise<void> {
    if (this.exited === undefined) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      try {
        await this.connection.sendRequest('shutdown');
        await this.connection.sendNotification('exit');
      } catch {
        this.child.kill();
      }
      await exited;
    }
    this.connection.dispose();
  }
}

export const fileUri = (p: string): string => pathToFileURL(p).href;

/**
 * What an LSP diagnostic of a finding must be, written out here from the contracts (1-based
 * core positions, 0-based LSP ones; severity 1 error, 2 warning, 3 information; the rule's page)
 * rather than through the server's own converter.
 */
export function expectedDiagnostic(f: Finding, uri: string): Diagnostic {
  const range = (r: Finding['range']) => ({ start: { line: r.start.line - 1, character: r.start.column - 1 }, end: { line: r.end.line - 1, character: r.end.column - 1 } });
  return {
    range: range(f.range),
    severity: { error: 1, warning: 2, info: 3 }[f.severity] as 1 | 2 | 3,
    code: f.ruleId,
    codeDescription: { href: fileUri(path.join(repoRoot(), 'docs', 'rules', `${f.ruleId}.md`)) },
    source: 'trial-report',
    message: f.message,
    ...(f.related?.length ? { relatedInformation: f.related.map((r) => ({ location: { uri, range: range(r.range) }, message: r.message })) } : {}),
  };
}

/** Applies LSP text edits (non-overlapping, in original coordinates) to a text. */
export function applyLspEdits(text: string, edits: { range: Diagnostic['range']; newText: string }[]): string {
  const lineStarts = [0];
  for (const m of text.matchAll(/\r\n|\n|\r/g)) lineStarts.push(m.index + m[0].length);
  const offset = (p: { line: number; character: number }) => (lineStarts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
