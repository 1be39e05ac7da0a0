// Document → checker options → analysis, shared by diagnostics, the preview and the commands,
// so a document version is analysed once however many consumers want it.
// The core (remark, ajv, …) is loaded lazily (lazy.ts): activation only registers listeners,
// and the first check pays for loading the checker.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Analysis } from '../core/check.js';
import type { AnalysisCache } from '../core/incremental.js';
import type { CheckOptions } from '../core/types.js';
import { type ExtensionCore, loadCore } from './lazy.js';
import type { Logger } from './log.js';
import { makeLoadSchema, type SchemaLoad, SchemaStore } from './schemas.js';
import { mayBeTrialSummary, readSettings, resolveSchemaSetting, type TrialReportSettings } from './settings.js';

export type Outcome =
  | { kind: 'checked'; analysis: Analysis; version: number; schema?: ActiveSchema }
  | { kind: 'not-trial'; version: number }
  | { kind: 'disabled'; version: number }
  | { kind: 'too-large'; version: number; size: number; max: number };

/** The schema a document was checked against, for completion, hovers and the status bar. */
export interface ActiveSchema {
  schema: object;
  /** "bundled", the `$schema` value, or the `trialReport.schema` setting. */
  name: string;
}

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

  constructor(private readonly log: Logger) {}

  /** Drops cached analyses (settings, trust or a schema file changed). */
  invalidate(): void {
    this.generation++;
    this.cache.clear();
  }

  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
    this.docCaches.delete(uri.toString());
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

  /** Analyses text not open in an editor (the workspace check). */
  async analyzeText(text: string, uri: vscode.Uri): Promise<Outcome> {
    const core = await loadCore();
    return this.run(core, text, uri, uri.scheme === 'file' ? uri.fsPath : uri.path, 0);
  }

  private run(core: ExtensionCore, text: string, uri: vscode.Uri, fileName: string, version: number, docCache?: AnalysisCache): Outcome {
    const settings = this.settingsFor(uri);
    if (!settings.enable) return { kind: 'disabled', version };
    if (!mayBeTrialSummary(fileName, text)) return { kind: 'not-trial', version };
    const size = Buffer.byteLength(text, 'utf8');
    if (settings.maxFileSize > 0 && size > settings.maxFileSize) return { kind: 'too-large', version, size, max: settings.maxFileSize };
    const started = Date.now();
    const options = this.options(core, settings, uri, fileName);
    if (docCache) options.cache = docCache;
    // Which schema applied: a document's own `$schema` (when it loaded), else the setting, else bundled.
    let fromRef: object | undefined;
    const load = options.loadSchema;
    if (load) {
      options.loadSchema = (ref) => {
        const r = load(ref);
        if ('schema' in r) fromRef = r.schema;
        return r;
      };
    }
    const analysis = core.analyzeDocument(text, options);
    this.log.trace(`checked ${uri.toString(true)} v${version} in ${Date.now() - started} ms: ${analysis.findings.length} finding(s)`);
    if (!analysis.model.isTrialSummary) return { kind: 'not-trial', version };
    const schema: ActiveSchema =
      fromRef && analysis.model.schemaRef ? { schema: fromRef, name: analysis.model.schemaRef.value }
      : options.schema && settings.schema ? { schema: options.schema, name: settings.schema }
      : { schema: core.BUNDLED_SCHEMA, name: 'bundled' };
    return { kind: 'checked', analysis, version, schema };
  }

  private options(core: ExtensionCore, settings: TrialReportSettings, uri: vscode.Uri, fileName: string): CheckOptions {
    const trusted = vscode.workspace.isTrusted;
    const bundled = core.BUNDLED_SCHEMA as { $id?: unknown };
    const options: CheckOptions = {
      fileName,
      rules: settings.rules,
      reportUnlinked: settings.reportUnlinked,
      rounding: settings.rounding,
      loadSchema: makeLoadSchema({
        trusted,
        documentDir: uri.scheme === 'file' ? path.dirname(uri.fsPath) : undefined,
        store: this.store,
        ...(typeof bundled.$id === 'string' ? { bundled: { id: bundled.$id, schema: core.BUNDLED_SCHEMA } } : {}),
      }),
    };
    // `settings.schema` is already trust-filtered (only the user's absolute path when untrusted).
    if (settings.schema) {
      const folder = vscode.workspace.getWorkspaceFolder(uri) ?? (uri.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0] : undefined);
      const folderPath = folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
      const resolved = resolveSchemaSetting(settings.schema, folderPath, os.homedir());
      const loaded: SchemaLoad = 'error' in resolved ? resolved : this.store.load(resolved.path, settings.schema);
      if ('schema' in loaded) options.schema = loaded.schema;
      else options.schemaProblem = { message: `trialReport.schema: ${loaded.error}`, ...(loaded.severity ? { severity: loaded.severity } : {}) };
    }
    return options;
  }
}
