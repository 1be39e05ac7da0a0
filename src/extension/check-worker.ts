// Checking a large document off the extension host's thread. The check is synchronous (about
// 1 s per 400 KB, more for adversarial Markdown), and every other extension shares that thread:
// above WORKER_MIN_CHARS the analyzer sends the text to a worker thread running this module's
// `serveChecks` (inside dist/extension-core.js, started with `workerData.trialReportCheckWorker`).
// The preview's HTML of such a document is rendered here too (`RenderJob`), from the parse the
// check made, so the document is parsed once, in this thread.
// No `vscode` here: the worker has no editor API, and the protocol is unit-tested with a
// MessageChannel.
import type { Analysis } from '../core/check.js';
import type { AnalysisCache } from '../core/types.js';
import type { CheckOptions, Finding, Suppression, TrialModel } from '../core/types.js';
import type { RenderOptions } from '../preview/render.js';
import type { MainOptions } from '../cli/main.js';
import type { CliIo } from '../cli/io.js';
import { bundledEntry, type LoadSchemaContext, makeLoadSchema, SchemaStore } from '../host/schema-source.js';

/** Documents at least this long (UTF-16 units, about 256 KB) are checked in the worker. */
export const WORKER_MIN_CHARS = 256 * 1024;

/** What the analyzer sends: the text and the options, minus the functions (rebuilt here). */
export interface CheckJob {
  id: number;
  /** Identifies the document across versions, for its incremental cache. */
  key: string;
  text: string;
  options: Omit<CheckOptions, 'loadSchema' | 'cache'>;
  /** How to load a `$schema` the document names (makeLoadSchema's context; the worker has its own store and bundled schema). */
  schemaLoading: Omit<LoadSchemaContext, 'store' | 'bundled'>;
}

export type CheckReply =
  | { id: number; ok: true; findings: Finding[]; suppressions: Suppression[]; model: TrialModel; loadedSchema?: object }
  | { id: number; ok: false; error: string };

/**
 * The preview's report HTML (`renderReportBody`) of the analysis check job `check` made for
 * document `key`. Rendered here, from the worker's own parse of that version, so the host parses
 * nothing: the parsed document stays in this thread. Refused once a later check of the document
 * has replaced that analysis.
 */
export interface RenderJob {
  id: number;
  render: string;
  check: number;
  options: RenderOptions;
}

export type RenderReply = { id: number; ok: true; html: string } | { id: number; ok: false; error: string };

export type WorkerMessage = CheckJob | RenderJob | { forget: string };

export interface CoreForWorker {
  analyzeDocument(text: string, options?: CheckOptions): Analysis;
  createAnalysisCache(): AnalysisCache;
  renderReportBody(analysis: Analysis, options: RenderOptions): string;
  BUNDLED_SCHEMA: object;
}

interface Port {
  on(event: 'message', listener: (m: WorkerMessage) => void): unknown;
  postMessage(m: CheckReply | RenderReply): void;
}

/** Incremental caches kept for this many documents at most (least recently used dropped). */
const MAX_CACHES = 8;

/** Answers check jobs on `port`, one at a time, in order. */
export function serveChecks(port: Port, core: CoreForWorker): void {
  const store = new SchemaStore();
  const caches = new Map<string, AnalysisCache>();
  /** Each cached document's last analysis and the job that made it, for the preview's render. */
  const last = new Map<string, { check: number; analysis: Analysis }>();
  port.on('message', (m) => {
    if ('forget' in m) {
      caches.delete(m.forget);
      last.delete(m.forget);
      return;
    }
    if ('render' in m) {
      const made = last.get(m.render);
      if (made?.check !== m.check) {
        port.postMessage({ id: m.id, ok: false, error: 'stale: a later check of the document replaced that analysis' });
        return;
      }
      try {
        port.postMessage({ id: m.id, ok: true, html: core.renderReportBody(made.analysis, m.options) });
      } catch (e) {
        port.postMessage({ id: m.id, ok: false, error: (e as Error)?.stack ?? String(e) });
      }
      return;
    }
    try {
      let cache = caches.get(m.key);
      if (cache) caches.delete(m.key);
      else cache = core.createAnalysisCache();
      caches.set(m.key, cache); // most recently used last
      if (caches.size > MAX_CACHES) {
        const oldest = caches.keys().next().value!;
        caches.delete(oldest);
        last.delete(oldest);
      }
      last.delete(m.key);
      const load = makeLoadSchema({ ...m.schemaLoading, store, ...bundledEntry(core.BUNDLED_SCHEMA) });
      let loadedSchema: object | undefined;
      const result = core.analyzeDocument(m.text, {
        ...m.options,
        cache,
        loadSchema: (ref) => {
          const r = load(ref);
          if ('schema' in r) loadedSchema = r.schema;
          return r;
        },
      });
      last.set(m.key, { check: m.id, analysis: result });
      port.postMessage({ id: m.id, ok: true, findings: result.findings, suppressions: result.suppressions, model: result.model, ...(loadedSchema ? { loadedSchema } : {}) });
    } catch (e) {
      port.postMessage({ id: m.id, ok: false, error: (e as Error)?.stack ?? String(e) });
    }
  });
}

/** The `trial-report` task's run of the CLI, in a worker so a large workspace cannot block the host. */
export interface CliJob {
  argv: string[];
  cwd: string;
}

/** Output as it comes, then the exit code. */
export type CliMessage = { out: string } | { exit: number };

export function serveCli(port: { postMessage(m: CliMessage): void }, job: CliJob, cli: { main(o: MainOptions): number; nodeIo: CliIo }): void {
  let code = 2;
  const out = (s: string): void => port.postMessage({ out: s });
  try {
    code = cli.main({ argv: job.argv, stdout: out, stderr: out, io: { ...cli.nodeIo, cwd: () => job.cwd } });
  } catch (e) {
    out(`trial-report: ${(e as Error)?.message ?? String(e)}\n`);
  }
  port.postMessage({ exit: code });
}
