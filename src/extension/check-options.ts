// Settings → the checker's options, and which schema a check used. Editor-free (no `vscode`):
// the language server (src/lsp), which checks for the VS Code extension and every LSP editor,
// builds a document's options here; kept beside the extension's settings mapping (settings.ts).
import type { Analysis } from '../core/check.js';
import type { CheckOptions } from '../core/types.js';
import { bundledEntry, makeLoadSchema, type SchemaLoad, type SchemaStore } from '../host/schema-source.js';
import { resolveSchemaSetting, type TrialReportSettings } from './settings.js';

/** The schema a document was checked against, for completion, hovers and the status bar. */
export interface ActiveSchema {
  schema: object;
  /** "bundled", the `$schema` value, or the `trialReport.schema` setting. */
  name: string;
}

/** Where a document is and how far it is trusted. */
export interface DocumentPlace {
  fileName: string;
  /** False in Restricted Mode (or an untrusted language-server workspace): no workspace schema. */
  trusted: boolean;
  /** The document's folder, for a relative `$schema` (undefined unless it is a local file). */
  documentDir: string | undefined;
  /** The document's workspace folder, for a relative `trialReport.schema`; asked only when one is set. */
  workspaceFolder: () => string | undefined;
  home: string;
  store: SchemaStore;
  bundledSchema: object;
}

/**
 * The checker's options for one document. `settings.schema` is already trust-filtered
 * (settings.ts); a schema the setting names that cannot be read becomes `schemaProblem` (TR203).
 */
export function checkerOptions(settings: TrialReportSettings, place: DocumentPlace): CheckOptions {
  const options: CheckOptions = {
    fileName: place.fileName,
    rules: settings.rules,
    reportUnlinked: settings.reportUnlinked,
    rounding: settings.rounding,
    loadSchema: makeLoadSchema({ trusted: place.trusted, documentDir: place.documentDir, store: place.store, ...bundledEntry(place.bundledSchema) }),
  };
  if (settings.schema) {
    const resolved = resolveSchemaSetting(settings.schema, place.workspaceFolder(), place.home);
    const loaded: SchemaLoad = 'error' in resolved ? resolved : place.store.load(resolved.path, settings.schema);
    if ('schema' in loaded) options.schema = loaded.schema;
    else options.schemaProblem = { message: `trialReport.schema: ${loaded.error}`, ...(loaded.severity ? { severity: loaded.severity } : {}) };
  }
  return options;
}

/**
 * Wraps `options.loadSchema` to remember the schema a document's `$schema` loaded; the returned
 * function reads it after the check.
 */
export function trackLoadedSchema(options: CheckOptions): () => object | undefined {
  let fromRef: object | undefined;
  const load = options.loadSchema;
  if (load) {
    options.loadSchema = (ref) => {
      const r = load(ref);
      if ('schema' in r) fromRef = r.schema;
      return r;
    };
  }
  return () => fromRef;
}

/** Which schema applied: a document's own `$schema` (when it loaded), else the setting, else bundled. */
export function activeSchema(analysis: Analysis, options: CheckOptions, settings: TrialReportSettings, fromRef: object | undefined, bundledSchema: object): ActiveSchema {
  return fromRef && analysis.model.schemaRef ? { schema: fromRef, name: analysis.model.schemaRef.value }
    : options.schema && settings.schema ? { schema: options.schema, name: settings.schema }
    : { schema: bundledSchema, name: 'bundled' };
}
