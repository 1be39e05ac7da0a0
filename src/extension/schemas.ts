// Custom schemas: read from the local disk only (never fetched), parsed as JSON, and cached by
// path + mtime + size so an unchanged file yields the *same object* — the core caches compiled
// schemas by object identity, so a cache hit here skips ajv's compile entirely.
// Pure apart from node:fs (injectable), so the trust rule and the messages are unit-tested.
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Severity } from '../core/types.js';

export type SchemaLoad = { schema: object } | { error: string; severity?: Severity };

/** TR203's message in Restricted Mode (docs/architecture.md, workspace trust contract). */
export const UNTRUSTED_SCHEMA_MESSAGE = 'The custom schema takes effect once the folder is trusted.';

export interface SchemaFs {
  stat(p: string): { mtimeMs: number; size: number; isFile(): boolean };
  readFile(p: string): string;
}

const defaultFs: SchemaFs = {
  stat: (p) => nodeFs.statSync(p),
  readFile: (p) => nodeFs.readFileSync(p, 'utf8'),
};

interface Entry {
  mtimeMs: number;
  size: number;
  result: SchemaLoad;
}

/** Schemas larger than this are not read (a JSON Schema is a few kilobytes). */
const MAX_SCHEMA_BYTES = 5_000_000;

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException | undefined;
  if (err?.code === 'ENOENT') return 'no such file';
  if (err?.code === 'EACCES' || err?.code === 'EPERM') return 'permission denied';
  if (err?.code === 'EISDIR') return 'it is a folder';
  const msg = err?.message ?? String(e);
  return (msg.split('\n')[0] ?? msg).trim();
}

export class SchemaStore {
  private readonly cache = new Map<string, Entry>();

  constructor(private readonly fs: SchemaFs = defaultFs) {}

  /**
   * Loads an absolute path. `shown` is how the writer named it (the `$schema` value or the
   * setting), used in messages.
   */
  load(absPath: string, shown: string = absPath): SchemaLoad {
    let st: ReturnType<SchemaFs['stat']>;
    try {
      st = this.fs.stat(absPath);
    } catch (e) {
      this.cache.delete(absPath);
      return { error: `Cannot read schema ${shown}: ${reason(e)}.` };
    }
    if (!st.isFile()) return { error: `Cannot read schema ${shown}: not a file.` };
    const hit = this.cache.get(absPath);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.result;
    const result = this.read(absPath, shown, st.size);
    this.cache.set(absPath, { mtimeMs: st.mtimeMs, size: st.size, result });
    return result;
  }

  private read(absPath: string, shown: string, size: number): SchemaLoad {
    if (size > MAX_SCHEMA_BYTES) return { error: `Cannot read schema ${shown}: larger than ${MAX_SCHEMA_BYTES} bytes.` };
    let text: string;
    try {
      text = this.fs.readFile(absPath);
    } catch (e) {
      return { error: `Cannot read schema ${shown}: ${reason(e)}.` };
    }
    let data: unknown;
    try {
      data = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      return { error: `Cannot read schema ${shown}: not JSON (${reason(e)}).` };
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      return { error: `Cannot read schema ${shown}: a JSON Schema must be a JSON object.` };
    }
    return { schema: data };
  }

  clear(): void {
    this.cache.clear();
  }
}

/**
 * Resolves a `$schema` value: a path relative to the document's folder, an absolute path, or a
 * `file:` URL. Anything remote is refused: nothing is ever fetched.
 */
export function resolveSchemaRef(ref: string, documentDir: string | undefined): { path: string } | { error: string } {
  const r = ref.trim();
  if (r === '') return { error: 'Cannot read schema "": the $schema value is empty.' };
  if (/^file:/i.test(r)) {
    try {
      return { path: fileURLToPath(r) };
    } catch (e) {
      return { error: `Cannot read schema ${ref}: ${reason(e)}.` };
    }
  }
  // A scheme (http:, https:, …) but not a Windows drive letter (C:\…).
  if (/^[a-z][a-z0-9+.-]+:/i.test(r) && !/^[a-z]:[\\/]/i.test(r)) {
    return { error: `Cannot read schema ${ref}: remote schemas are never fetched; save the schema beside the document and name it by a relative path.` };
  }
  if (path.isAbsolute(r)) return { path: path.normalize(r) };
  if (!documentDir) return { error: `Cannot read schema ${ref}: a relative path needs the document saved in a local folder.` };
  return { path: path.resolve(documentDir, r) };
}

export interface LoadSchemaContext {
  /** `vscode.workspace.isTrusted`. */
  trusted: boolean;
  /** Folder of the document (undefined for an unsaved or non-file document). */
  documentDir: string | undefined;
  store: SchemaStore;
  /** The bundled schema and its `$id`: a document naming it gets it, trusted or not. */
  bundled?: { id: string; schema: object };
}

/** The `bundled` entry for the core's bundled schema (by its `$id`). */
export function bundledEntry(schema: object): Pick<LoadSchemaContext, 'bundled'> {
  const id = (schema as { $id?: unknown }).$id;
  return typeof id === 'string' ? { bundled: { id, schema } } : {};
}

/** The core's `loadSchema(ref)` callback for one document. */
export function makeLoadSchema(ctx: LoadSchemaContext): (ref: string) => SchemaLoad {
  return (ref) => {
    if (ctx.bundled && ref.trim() === ctx.bundled.id) return { schema: ctx.bundled.schema };
    // Restricted Mode: a workspace-supplied schema is compiled to code by ajv; load none.
    if (!ctx.trusted) return { error: UNTRUSTED_SCHEMA_MESSAGE, severity: 'info' };
    const resolved = resolveSchemaRef(ref, ctx.documentDir);
    if ('error' in resolved) return resolved;
    return ctx.store.load(resolved.path, ref);
  };
}
