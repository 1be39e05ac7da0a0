// One analysis per document version: the settings, the checker options (the extension's own
// mapping, check-options.ts) and the core's incremental cache per open document, dropped when it
// closes. Diagnostics, code actions, hovers and completion all ask here, so a version is checked
// once however many requests want it.
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type Analysis, analyzeDocument } from '../core/check.js';
import { createAnalysisCache } from '../core/incremental.js';
import { BUNDLED_SCHEMA } from '../core/schema.js';
import type { AnalysisCache } from '../core/types.js';
import { SchemaStore } from '../host/schema-source.js';
import { type ActiveSchema, activeSchema, checkerOptions, trackLoadedSchema } from '../extension/check-options.js';
import { linesOf, type TextLines } from '../extension/convert.js';
import { mayBeTrialSummary } from '../extension/settings.js';
import type { ServerLog } from './guard.js';
import type { SettingsSource } from './settings-source.js';
import { fileNameOf, filePathOf, type WorkspaceFolders } from './workspace.js';

export type Outcome =
  | { kind: 'checked'; version: number; analysis: Analysis; schema: ActiveSchema; text: string; lines: TextLines }
  | { kind: 'not-trial' | 'disabled'; version: number }
  | { kind: 'too-large'; version: number; size: number; max: number };

export type Checked = Extract<Outcome, { kind: 'checked' }>;

export class DocumentChecks {
  private readonly store = new SchemaStore();
  private generation = 0;
  private readonly outcomes = new Map<string, { version: number; generation: number; outcome: Outcome }>();
  private readonly caches = new Map<string, AnalysisCache>();
  private readonly tooLargeLogged = new Set<string>();

  constructor(
    private readonly settings: SettingsSource,
    private readonly folders: WorkspaceFolders,
    private readonly log: ServerLog,
    private readonly trusted: boolean,
  ) {}

  /** Settings or a schema file changed: every cached outcome is stale. */
  invalidate(): void {
    this.generation++;
    this.outcomes.clear();
    this.store.clear();
  }

  /** The document closed: its outcome and incremental cache go. */
  forget(uri: string): void {
    this.outcomes.delete(uri);
    this.caches.delete(uri);
    this.tooLargeLogged.delete(uri);
    this.settings.forget(uri);
  }

  /** The outcome of the last check of a document, whatever its version (undefined if none). */
  last(uri: string): Outcome | undefined {
    return this.outcomes.get(uri)?.outcome;
  }

  /**
   * The outcome for the document as it is when the settings arrive (its `version` says which).
   * `current()` returns the document now, or undefined once it is closed.
   */
  async check(uri: string, current: () => TextDocument | undefined): Promise<Outcome | undefined> {
    const generation = this.generation;
    const settings = await this.settings.get(uri);
    const doc = current();
    if (!doc) return undefined;
    const hit = this.outcomes.get(uri);
    if (hit && hit.version === doc.version && hit.generation === this.generation) return hit.outcome;
    const outcome = this.run(uri, doc, settings);
    if (generation === this.generation) this.outcomes.set(uri, { version: doc.version, generation, outcome });
    return outcome;
  }

  /**
   * The outcome for a file the client read but has not opened (the extension's Check Workspace):
   * checked with the document's settings and nothing kept (no outcome, incremental cache or
   * settings stay behind for it).
   */
  async checkUnopened(uri: string, text: string): Promise<Outcome> {
    try {
      const settings = await this.settings.get(uri);
      return this.run(uri, TextDocument.create(uri, 'markdown', 0, text), settings, false);
    } finally {
      this.settings.forget(uri);
      this.tooLargeLogged.delete(uri);
    }
  }

  private run(uri: string, doc: TextDocument, settings: Awaited<ReturnType<SettingsSource['get']>>, incremental = true): Outcome {
    const version = doc.version;
    const text = doc.getText();
    const fileName = fileNameOf(uri);
    if (!settings.enable) return { kind: 'disabled', version };
    if (!mayBeTrialSummary(fileName, text)) return { kind: 'not-trial', version };
    // UTF-8 takes at most 3 bytes per UTF-16 unit: count the bytes only when that could be over.
    const size = settings.maxFileSize > 0 && text.length * 3 > settings.maxFileSize ? Buffer.byteLength(text, 'utf8') : 0;
    if (size > settings.maxFileSize) {
      if (!this.tooLargeLogged.has(uri)) {
        this.tooLargeLogged.add(uri);
        this.log.console.info(`${fileName} is ${size} bytes, over trialReport.maxFileSize (${settings.maxFileSize}); not checked.`);
      }
      return { kind: 'too-large', version, size, max: settings.maxFileSize };
    }
    const file = filePathOf(uri);
    const options = checkerOptions(settings, {
      fileName,
      trusted: this.trusted,
      documentDir: file ? path.dirname(file) : undefined,
      workspaceFolder: () => this.folders.folderOf(uri),
      home: os.homedir(),
      store: this.store,
      bundledSchema: BUNDLED_SCHEMA,
    });
    if (incremental) {
      let cache = this.caches.get(uri);
      if (!cache) this.caches.set(uri, (cache = createAnalysisCache()));
      options.cache = cache;
    }
    const fromRef = trackLoadedSchema(options);
    const analysis = analyzeDocument(text, options);
    if (!analysis.model.isTrialSummary) return { kind: 'not-trial', version };
    return { kind: 'checked', version, analysis, schema: activeSchema(analysis, options, settings, fromRef(), BUNDLED_SCHEMA), text, lines: linesOf(analysis.doc.lines) };
  }
}
