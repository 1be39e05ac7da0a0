// Loads dist/extension-core.js (extension-core.ts) on first use, so activation only parses the
// small glue bundle. A runtime require of the sibling file, marked external in esbuild.mjs:
// esbuild cannot split a cjs bundle, so an import() would inline the whole checker here.
import * as path from 'node:path';

export type ExtensionCore = typeof import('./extension-core.js');

/** The file loadCore() requires; the task's worker thread runs it too (cli-task.ts). */
export const CORE_SCRIPT = path.join(__dirname, 'extension-core.js');

let core: Promise<ExtensionCore> | undefined;

/**
 * The checker, renderer and CLI, loaded once; a load failure rejects (callers log it). The
 * require waits for the next macrotask: activate() checks the documents already open, and the
 * load must not run inside it.
 */
export function loadCore(): Promise<ExtensionCore> {
  return (core ??= new Promise<void>((resolve) => setImmediate(resolve)).then(
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    () => require('./extension-core.js') as ExtensionCore,
  ));
}
