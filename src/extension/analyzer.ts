// Document → checker options → analysis, shared by diagnostics, the preview and the commands,
// so a document version is analysed once however many consumers want it.
// The core (remark, ajv, …) is loaded lazily (lazy.ts): activation only registers listeners,
// and the first check pays for loading the checker.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Analysis } from '../core/check.js';
import type { RenderOptions } from '../preview/render.js';
import type { AnalysisCache } from '../core/types.js';
import type { CheckOptions } from '../core/types.js';
import { type LoadSchemaContext, SchemaStore } from '../host/schema-source.js';
import { type ActiveSchema, activeSchema, checkerOptions, trackLoadedSchema } from './check-options.js';
import { WORKER_MIN_CHARS } from './check-worker.js';
import { type ExtensionCore, loadCore } from './lazy.js';
import type { Logger } from './log.js';
import { mayBeTrialSummary, readSettings, type TrialReportSettings } from './settings.js';
import { type CheckDone, CheckWorkerClient } from './worker-client.js';

export type Outcome =
  | {
      kind: 'checked';
      analysis: Analysis;
      version: number;
      schema?: ActiveSchema;
      /**
       * The report's inner HTML (`renderReportBody`) made where the check ran, from its parse:
       * set for a check in the worker, whose parsed document stays there. Absent: render
       * `analysis` in this thread.
       */
      renderBody?: (options: RenderOptions) => Promise<string>;
    }
  | { kind: 'not-trial'; version: number }
  | { kind: 'disabled'; version: number }
  | { kind: 'too-large'; version: number; size: number; max: number };

export type { ActiveSchema };

/** The bits of a document the analyzer reads; `vscode.TextDocument` fits. */
export interface SourceDocument {
  readonly uri: vscode.Uri;
  readonly version: number;
  readonly fileName: string;
  getText(): string;
}

/** Schemes whose Markdown documents are the user's own files (not git diffs, output, …). */
const CHECKED_SCHEMES = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-remote', 'vscode-userdata']);

export function isCheckableMarkdown(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'markdown' && CHECKED_SCHEMES.has(doc.uri.scheme);
}

export class Analyzer {
  readonly store = new SchemaStore();
  private generation = 0;
  private readonly cache = new Map<string, { version: number; generation: number; outcome: Outcome }>();
  /** Per open document: the core's incremental cache (dropped with `forget`). */
  private readonly docCaches = new Map<string, AnalysisCache>();
  /** Per large document: its worker jobs in order, and the outcome promise of each version still wanted. */
  private readonly lanes = new Map<string, { tail: Promise<void>; latest: number; results: Map<number, { generation: number; outcome: Promise<Outcome> }> }>();
  private readonly worker: CheckWorkerClient | undefined;

  /** `workerScript`: dist/extension-core.js; without it every check runs in this thread. */
  constructor(private readonly log: Logger, workerScript?: string) {
    if (workerScript) this.worker = new CheckWorkerClient(workerScript);
  }

  /** Drops cached analyses (settings, trust or a schema file changed). */
  invalidate(): void {
    this.generation++;
    this.cache.clear();
  }

  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.cache.delete(key);
    this.docCaches.delete(key);
    this.lanes.delete(key);
    this.worker?.forget(key);
  }

  settingsFor(uri: vscode.Uri | undefined): TrialReportSettings {
    const config = vscode.workspace.getConfiguration('trialReport', uri ? { uri, languageId: 'markdown' } : undefined);
    const { settings, warnings } = readSettings((k) => config.get(k), config.inspect('schema'), vscode.workspace.isTrusted);
    for (const w of warnings) this.log.warnOnce(w, w);
    return settings;
  }

  /**
   * Analyses an open document (or returns the cached outcome for its current version). Large
   * documents go to the check worker; the outcome may then be of a newer version than asked for
   * (versions that were overtaken while queued are not checked), as callers' version guards expect.
   */
  async analyze(doc: SourceDocument): Promise<Outcome> {
    const core = await loadCore();
    const key = doc.uri.toString();
    const version = doc.version;
    const hit = this.cache.get(key);
    if (hit && hit.version === version && hit.generation === this.generation) return hit.outcome;
    const text = doc.getText();
    if (text.length >= WORKER_MIN_CHARS && this.worker) {
      const generation = this.generation;
      return this.inLane(key, version, generation, () => this.runInWorker(core, key, text, doc.uri, doc.fileName, version)).then((outcome) => {
        if (generation === this.generation && (this.cache.get(key)?.version ?? -Infinity) <= outcome.version) this.cache.set(key, { version: outcome.version, generation, outcome });
        return outcome;
      });
    }
    // Incremental re-check: one core cache per open document (unchanged chunks are reused).
    let docCache = this.docCaches.get(key);
    if (!docCache) this.docCaches.set(key, (docCache = core.createAnalysisCache()));
    const outcome = this.run(core, text, doc.uri, doc.fileName, version, docCache);
    this.cache.set(key, { version, generation: this.generation, outcome });
    return outcome;
  }

  /** Analyses text not open in an editor (the workspace check). */
  async analyzeText(text: string, uri: vscode.Uri): Promise<Outcome> {
    const core = await loadCore();
    const fileName = uri.scheme === 'file' ? uri.fsPath : uri.path;
    if (text.length >= WORKER_MIN_CHARS && this.worker) return this.runInWorker(core, `text:${uri.toString()}`, text, uri, fileName, 0);
    return this.run(core, text, uri, fileName, 0);
  }

  /** Stops the check worker. */
  dispose(): void {
    this.worker?.dispose();
  }

  /**
   * Runs one document's jobs in order; a job overtaken by a newer version of its document while
   * queued is skipped and answers with that newer version's outcome. A second request for a
   * version (and settings generation) already asked for shares its job.
   */
  private inLane(key: string, version: number, generation: number, job: () => Promise<Outcome>): Promise<Outcome> {
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { tail: Promise.resolve(), latest: version, results: new Map() }));
    const l = lane;
    const asked = l.results.get(version);
    if (asked && asked.generation === generation) return asked.outcome;
    l.latest = Math.max(l.latest, version);
    let ran: Outcome | undefined;
    const turn = l.tail.then(async () => {
      if (version < l.latest) return;
      ran = await job();
    });
    l.tail = turn.catch(() => undefined);
    const outcome = turn.then(() => ran ?? l.results.get(l.latest)!.outcome);
    l.results.set(version, { generation, outcome });
    for (const v of l.results.keys()) if (v < l.latest) l.results.delete(v);
    return outcome;
  }

  /** The check in the worker thread; in this thread if the worker fails (logged once). */
  private async runInWorker(core: ExtensionCore, key: string, text: string, uri: vscode.Uri, fileName: string, version: number): Promise<Outcome> {
    const prepared = this.prepare(core, text, uri, fileName, version);
    if ('kind' in prepared) return prepared;
    const { settings, options } = prepared;
    const { loadSchema: _load, cache: _cache, ...plain } = options;
    const started = Date.now();
    let done: CheckDone;
    try {
      done = await this.worker!.run({
        key,
        text,
        options: plain,
        schemaLoading: this.schemaLoading(uri),
      });
    } catch (e) {
      this.log.warnOnce('check-worker', `The check worker failed; checking large documents in the extension host instead. ${(e as Error)?.message ?? String(e)}`);
      return this.run(core, text, uri, fileName, version);
    }
    let doc: Analysis['doc'] | undefined;
    const analysis: Analysis = {
      findings: done.findings,
      model: done.model,
      suppressions: done.suppressions,
      // The parsed document stays in the worker, which renders the preview from it (renderBody);
      // parsed here only if that fails (a later check replaced it, or the worker died).
      get doc() {
        return (doc ??= core.parseMarkdown(text));
      },
    };
    this.log.trace(`checked ${uri.toString(true)} v${version} in the worker in ${Date.now() - started} ms: ${analysis.findings.length} finding(s)`);
    const worker = this.worker!;
    const renderBody = async (o: RenderOptions): Promise<string> => {
      try {
        return await worker.render({ render: key, check: done.id, options: o });
      } catch (e) {
        this.log.trace(`preview of ${uri.toString(true)} v${version} rendered in this thread: ${(e as Error)?.message ?? String(e)}`);
        return core.renderReportBody(analysis, o);
      }
    };
    return this.finish(core, analysis, options, settings, done.loadedSchema, version, renderBody);
  }

  private run(core: ExtensionCore, text: string, uri: vscode.Uri, fileName: string, version: number, docCache?: AnalysisCache): Outcome {
    const prepared = this.prepare(core, text, uri, fileName, version);
    if ('kind' in prepared) return prepared;
    const { settings, options } = prepared;
    const started = Date.now();
    if (docCache) options.cache = docCache;
    const fromRef = trackLoadedSchema(options);
    const analysis = core.analyzeDocument(text, options);
    this.log.trace(`checked ${uri.toString(true)} v${version} in ${Date.now() - started} ms: ${analysis.findings.length} finding(s)`);
    return this.finish(core, analysis, options, settings, fromRef(), version);
  }

  /** Settings, the size limit and the checker options; or the outcome when there is nothing to check. */
  private prepare(core: ExtensionCore, text: string, uri: vscode.Uri, fileName: string, version: number): Outcome | { settings: TrialReportSettings; options: CheckOptions } {
    const settings = this.settingsFor(uri);
    if (!settings.enable) return { kind: 'disabled', version };
    if (!mayBeTrialSummary(fileName, text)) return { kind: 'not-trial', version };
    const size = Buffer.byteLength(text, 'utf8');
    if (settings.maxFileSize > 0 && size > settings.maxFileSize) return { kind: 'too-large', version, size, max: settings.maxFileSize };
    return { settings, options: this.options(core, settings, uri, fileName) };
  }

  /** Which schema applied: a document's own `$schema` (when it loaded), else the setting, else bundled. */
  private finish(core: ExtensionCore, analysis: Analysis, options: CheckOptions, settings: TrialReportSettings, fromRef: object | undefined, version: number, renderBody?: (options: RenderOptions) => Promise<string>): Outcome {
    if (!analysis.model.isTrialSummary) return { kind: 'not-trial', version };
    const schema = activeSchema(analysis, options, settings, fromRef, core.BUNDLED_SCHEMA);
    return { kind: 'checked', analysis, version, schema, ...(renderBody ? { renderBody } : {}) };
  }

  /** Where a document's own `$schema` may come from: trust and the document's folder. */
  private schemaLoading(uri: vscode.Uri): Omit<LoadSchemaContext, 'store' | 'bundled'> {
    return { trusted: vscode.workspace.isTrusted, documentDir: uri.scheme === 'file' ? path.dirname(uri.fsPath) : undefined };
  }

  private options(core: ExtensionCore, settings: TrialReportSettings, uri: vscode.Uri, fileName: string): CheckOptions {
    return checkerOptions(settings, {
      fileName,
      ...this.schemaLoading(uri),
      workspaceFolder: () => {
        const folder = vscode.workspace.getWorkspaceFolder(uri) ?? (uri.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0] : undefined);
        return folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
      },
      home: os.homedir(),
      store: this.store,
      bundledSchema: core.BUNDLED_SCHEMA,
    });
  }
}
