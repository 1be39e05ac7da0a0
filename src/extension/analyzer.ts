// Document → checker options → analysis, for what stays in the extension host: the preview, the
// Reporting Checklist, the status bar and Export as HTML, so a document version is analysed once
// however many of them want it. Diagnostics, fixes, hovers and completion come from the language
// server (client.ts), in its own process. The core (remark, ajv, …) is loaded lazily (lazy.ts):
// activation only registers listeners, and the first preview or checklist pays for loading it.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Analysis } from '../core/check.js';
import type { AnalysisCache } from '../core/types.js';
import type { CheckOptions } from '../core/types.js';
import { type LoadSchemaContext, SchemaStore } from '../host/schema-source.js';
import { type ActiveSchema, activeSchema, checkerOptions, trackLoadedSchema } from './check-options.js';
import { type ExtensionCore, loadCore } from './lazy.js';
import type { Logger } from './log.js';
import { mayBeTrialSummary, readSettings, type TrialReportSettings } from './settings.js';

export type Outcome =
  | { kind: 'checked'; analysis: Analysis; version: number; schema?: ActiveSchema }
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
export const CHECKED_SCHEMES = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-remote', 'vscode-userdata']);

export function isCheckableMarkdown(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'markdown' && CHECKED_SCHEMES.has(doc.uri.scheme);
}

export class Analyzer {
  readonly store = new SchemaStore();
  private generation = 0;
  private readonly cache = new Map<string, { version: number; generation: number; outcome: Outcome }>();
  /** Per open document: the core's incremental cache (dropped with `forget`). */
  private readonly docCaches = new Map<string, AnalysisCache>();

  constructor(private readonly log: Logger) {}

  /** Drops cached analyses (settings, trust or a schema file changed). */
  invalidate(): void {
    this.generation++;
    this.cache.clear();
  }

  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.cache.delete(key);
    this.docCaches.delete(key);
  }

  settingsFor(uri: vscode.Uri | undefined): TrialReportSettings {
    const config = vscode.workspace.getConfiguration('trialReport', uri ? { uri, languageId: 'markdown' } : undefined);
    const { settings, warnings } = readSettings((k) => config.get(k), config.inspect('schema'), vscode.workspace.isTrusted);
    for (const w of warnings) this.log.warnOnce(w, w);
    return settings;
  }

  /** Analyses an open document (or returns the cached outcome for its current version). */
  async analyze(doc: SourceDocument): Promise<Outcome> {
    const core = await loadCore();
    const key = doc.uri.toString();
    const version = doc.version;
    const hit = this.cache.get(key);
    if (hit && hit.version === version && hit.generation === this.generation) return hit.outcome;
    // Incremental re-check: one core cache per open document (unchanged chunks are reused).
    let docCache = this.docCaches.get(key);
    if (!docCache) this.docCaches.set(key, (docCache = core.createAnalysisCache()));
    const outcome = this.run(core, doc.getText(), doc.uri, doc.fileName, version, docCache);
    this.cache.set(key, { version, generation: this.generation, outcome });
    return outcome;
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
  private finish(core: ExtensionCore, analysis: Analysis, options: CheckOptions, settings: TrialReportSettings, fromRef: object | undefined, version: number): Outcome {
    if (!analysis.model.isTrialSummary) return { kind: 'not-trial', version };
    const schema = activeSchema(analysis, options, settings, fromRef, core.BUNDLED_SCHEMA);
    return { kind: 'checked', analysis, version, schema };
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
