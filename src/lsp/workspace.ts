// Where a document is: its file path (for `*.trial.md`, a relative `$schema`) and its workspace
// folder (for a relative `trialReport.schema`), from the URIs the client sends.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InitializeParams } from 'vscode-languageserver/node';

/** A `file:` URI's path, or undefined for any other scheme (untitled, virtual). */
export function filePathOf(uri: string): string | undefined {
  if (!/^file:/i.test(uri)) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The name the checker sees: the file path, else the URI's path part (`untitled:x.trial.md` → `x.trial.md`). */
export function fileNameOf(uri: string): string {
  const file = filePathOf(uri);
  if (file) return file;
  const afterScheme = uri.replace(/^[a-z][a-z0-9+.-]*:/i, '');
  const query = afterScheme.search(/[?#]/);
  const rest = query < 0 ? afterScheme : afterScheme.slice(0, query);
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

export class WorkspaceFolders {
  private folders: string[] = [];

  /** The folders of the initialize request (`workspaceFolders`, else `rootUri`, else `rootPath`). */
  setFrom(params: InitializeParams): void {
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.folders = uris.map(filePathOf).filter((p): p is string => p !== undefined);
    if (!this.folders.length && params.rootPath) this.folders = [params.rootPath];
  }

  update(added: string[], removed: string[]): void {
    const gone = new Set(removed.map(filePathOf));
    this.folders = [...this.folders.filter((f) => !gone.has(f)), ...added.map(filePathOf).filter((p): p is string => p !== undefined)];
  }

  /** The innermost folder holding the document; an unsaved document's is the first folder. */
  folderOf(uri: string): string | undefined {
    const file = filePathOf(uri);
    if (!file) return this.folders[0];
    let best: string | undefined;
    for (const f of this.folders) {
      const rel = path.relative(f, file);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || f.length > best.length)) best = f;
    }
    return best;
  }
}
