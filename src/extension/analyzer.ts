// Document → checker options → analysis, shared by diagnostics, the preview and the commands,
// so a document version is analysed once however many consumers want it.
// The core (remark, ajv, …) is imported lazily: activation only registers listeners, and the
// first check pays for loading the checker.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Analysis } from '../core/check.js';
import type { CheckOptions } from '../core/types.js';
import type { Logger } from './log.js';
import { makeLoadSchema, type SchemaLoad, SchemaStore } from './schemas.js';
import { mayBeTrialSummary, readSettings, resolveSchemaSetting, type TrialReportSettings } from './settings.js';

type CoreModule = typeof import('../core/index.js');
let corePromise: Promise<CoreModule> | undefined;

/** The checker, loaded on first use. */
export function loadCore(): Promise<CoreModule> {
  return (corePromise ??= import('../core/index.js'));
}

export type Outcome =
  | { kind: 'checked'; analysis: Analysis; version: number }
  | { kind: 'not-trial'; version: number }
  | { kind: 'disabled'; version: number }
  | { kind: 'too-large'; version: number; size: number; max: number };

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

  constructor(private readonly log: Logger) {}

  /** Drops cached analyses (settings, trust or a schema file changed). */
  invalidate(): void {
    this.generation++;
    this.cache.clear();
  }

  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
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
    const outcome = this.run(core, doc.getText(), doc.uri, doc.fileName, version);
    this.cache.set(key, { version, generation: this.generation, outcome });
    return outcome;
  }

  /** Analyses text not open in an editor (the workspace check). */
  async analyzeText(text: string, uri: vscode.Uri): Promise<Outcome> {
    const core = await loadCore();
    return this.run(core, text, uri, uri.scheme === 'file' ? uri.fsPath : uri.path, 0);
  }

  private run(core: CoreModule, text: string, uri: vscode.Uri, fileName: string, version: number): Outcome {
    const settings = this.settingsFor(uri);
    if (!settings.enable) return { kind: 'disabled', version };
    if (!mayBeTrialSummary(fileName, text)) return { kind: 'not-trial', version };
    const size = Buffer.byteLength(text, 'utf8');
    if (settings.maxFileSize > 0 && size > settings.maxFileSize) return { kind: 'too-large', version, size, max: settings.maxFileSize };
    const started = Date.now();
    const analysis = core.analyzeDocument(text, this.options(core, settings, uri, fileName));
    this.log.trace(`checked ${uri.toString(true)} v${version} in ${Date.now() - started} ms: ${analysis.findings.length} finding(s)`);
    if (!analysis.model.isTrialSummary) return { kind: 'not-trial', version };
    return { kind: 'checked', analysis, version };
  }

  private options(core: CoreModule, settings: TrialReportSettings, uri: vscode.Uri, fileName: string): CheckOptions {
    const trusted = vscode.workspace.isTrusted;
    const bundled = core.BUNDLED_SCHEMA as { $id?: unknown };
    const options: CheckOptions = {
      fileName,
      rules: settings.rules,
      reportUnlinked: settings.reportUnlinked,
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
