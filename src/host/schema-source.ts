// Custom schemas, for both hosts (the CLI and the extension): where a `$schema` value, `--schema`,
// the config's `schema` or `trialReport.schema` points, and reading it. Local files only: a
// reference with a URL scheme is refused, never fetched. A schema is read, size-checked and
// parsed here, and cached by path + mtime + size so that an unchanged file yields the *same
// object*: the core caches compiled schemas by object identity, so a cache hit here skips ajv's
// compile entirely. The file system is injectable, so the rules and messages are unit-tested.
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckOptions } from '../core/types.js';
import { describeFsError } from './fs-errors.js';

/** What a host's `loadSchema(ref)` returns to the core (TR203 on an error). */
export type SchemaLoad = ReturnType<NonNullable<CheckOptions['loadSchema']>>;

/** TR203's message in Restricted Mode (docs/architecture.md, workspace trust contract). */
export const UNTRUSTED_SCHEMA_MESSAGE = 'The custom schema takes effect once the folder is trusted.';

/** Schemas larger than this are not read (a JSON Schema is a few kilobytes). */
export const MAX_SCHEMA_BYTES = 5_000_000;

/** The file-system calls a schema read makes; the CLI passes its `CliIo`, tests a fake. */
export interface SchemaFs {
  stat(p: string): { mtimeMs: number; size: number; isFile(): boolean; isDirectory(): boolean };
  readFile(p: string): Uint8Array;
}

export const nodeSchemaFs: SchemaFs = {
  stat: (p) => nodeFs.statSync(p),
  readFile: (p) => nodeFs.readFileSync(p),
};

// `C:\…`, `C:/…` or a UNC path `\\server\share\…`: absolute on Windows, and read as Windows
// paths on every OS, so a schema named on Windows is never mistaken for a URL with scheme `c:`.
const WINDOWS_ABSOLUTE = /^(?:[a-z]:[\\/]|\\\\)/i;
// `C:house.json`: relative to drive C's current folder, which no host knows.
const DRIVE_RELATIVE = /^[a-z]:/i;
const FILE_URL = /^file:/i;
// A URL scheme (RFC 3986), two characters or more: a single letter is a drive (above).
const URL_SCHEME = /^[a-z][a-z0-9+.-]+:/i;

/** `Cannot read the schema X: reason.`: every loader message but the remote one starts so. */
function cannotRead(shown: string, reason: string): string {
  return `Cannot read the schema ${shown}: ${reason}.`;
}

function firstLine(e: unknown): string {
  const message = String((e as Error | undefined)?.message ?? e);
  return (message.split('\n')[0] ?? message).trim();
}

/** A schema path that names one file wherever it is read from: absolute (any OS's form) or a `file:` URL. */
export function isAbsoluteSchemaPath(ref: string): boolean {
  const r = ref.trim();
  return FILE_URL.test(r) || WINDOWS_ABSOLUTE.test(r) || path.isAbsolute(r);
}

/**
 * Resolves a schema reference to an absolute path: a `file:` URL, an absolute path (POSIX, or
 * Windows `C:\…`, `C:/…`, `\\server\share\…` on any OS), or a path relative to `baseDir` (the
 * document's folder for `$schema`, the working directory for `--schema`, the config file's folder,
 * the workspace folder for `trialReport.schema`). Refuses anything else with a URL scheme.
 */
export function resolveSchemaPath(
  ref: string,
  baseDir: string | undefined,
  how: {
    /** Completes "a relative path needs …" when there is no `baseDir`. */
    needsBase?: string;
    /** How the writer named the schema, for messages (default: `ref`). */
    shown?: string;
  } = {},
): { path: string } | { error: string } {
  const r = ref.trim();
  const shown = how.shown ?? ref;
  if (r === '') return { error: cannotRead('""', 'the path is empty') };
  if (FILE_URL.test(r)) {
    try {
      return { path: fileURLToPath(r) };
    } catch (e) {
      return { error: cannotRead(shown, `not a local file: URL (${firstLine(e)})`) };
    }
  }
  if (WINDOWS_ABSOLUTE.test(r)) return { path: path.win32.normalize(r) };
  if (DRIVE_RELATIVE.test(r)) return { error: cannotRead(shown, 'a drive letter needs the full path after it (C:\\schemas\\house.json)') };
  if (URL_SCHEME.test(r)) {
    return { error: `The schema ${shown} is not a local file; trial-report never fetches schemas. Save it beside the document and name it by its path.` };
  }
  // An absolute path stays on `baseDir`'s drive on Windows (`/x.json` is the drive's root).
  if (path.isAbsolute(r)) return { path: baseDir ? path.resolve(baseDir, r) : path.normalize(r) };
  if (baseDir === undefined) return { error: cannotRead(shown, `a relative path needs ${how.needsBase ?? 'the document saved in a local folder'}`) };
  return { path: path.resolve(baseDir, r) };
}

interface Entry {
  mtimeMs: number;
  size: number;
  result: SchemaLoad;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads schema files, each parsed once while it is unchanged (see the top of this file). */
export class SchemaStore {
  private readonly cache = new Map<string, Entry>();

  constructor(private readonly fs: SchemaFs = nodeSchemaFs) {}

  /**
   * Loads an absolute path. `shown` is how the writer named it (the `$schema` value, the option,
   * the setting), used in messages.
   */
  load(absPath: string, shown: string = absPath): SchemaLoad {
    let st: ReturnType<SchemaFs['stat']>;
    try {
      st = this.fs.stat(absPath);
    } catch (e) {
      this.cache.delete(absPath);
      return { error: cannotRead(shown, describeFsError(e)) };
    }
    if (!st.isFile()) {
      this.cache.delete(absPath);
      return { error: cannotRead(shown, st.isDirectory() ? 'it is a folder' : 'not a regular file') };
    }
    const hit = this.cache.get(absPath);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.result;
    const result = this.read(absPath, shown, st.size);
    this.cache.set(absPath, { mtimeMs: st.mtimeMs, size: st.size, result });
    return result;
  }

  private read(absPath: string, shown: string, size: number): SchemaLoad {
    if (size > MAX_SCHEMA_BYTES) return { error: cannotRead(shown, `larger than ${MAX_SCHEMA_BYTES / 1_000_000} MB (a JSON Schema is a few kilobytes)`) };
    let bytes: Uint8Array;
    try {
      bytes = this.fs.readFile(absPath);
    } catch (e) {
      return { error: cannotRead(shown, describeFsError(e)) };
    }
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      return { error: cannotRead(shown, 'not UTF-8 text') };
    }
    let data: unknown;
    try {
      data = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      return { error: cannotRead(shown, `not JSON (${firstLine(e)})`) };
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return { error: cannotRead(shown, 'a JSON Schema must be a JSON object') };
    return { schema: data };
  }

  clear(): void {
    this.cache.clear();
  }
}

export interface LoadSchemaContext {
  /**
   * False in the editor's Restricted Mode: a workspace-supplied schema is compiled to code by
   * ajv, so none is loaded. The CLI reads what the person running it named: true.
   */
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

/** The core's `loadSchema(ref)` callback for one document: its `$schema`, relative to it. */
export function makeLoadSchema(ctx: LoadSchemaContext): (ref: string) => SchemaLoad {
  return (ref) => {
    // The bundled schema's own $id names the bundled schema: nothing to read.
    if (ctx.bundled && ref.trim() === ctx.bundled.id) return { schema: ctx.bundled.schema };
    if (!ctx.trusted) return { error: UNTRUSTED_SCHEMA_MESSAGE, severity: 'info' };
    const resolved = resolveSchemaPath(ref, ctx.documentDir);
    if ('error' in resolved) return resolved;
    return ctx.store.load(resolved.path, ref);
  };
}
