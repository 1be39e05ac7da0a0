// Where the checker's bundle is: dist/extension-core.js (extension-core.ts), never loaded into the
// extension host. The language client starts it as the language server's process (client.ts),
// and the `trial-report` task as a worker thread running the CLI (cli-task.ts). Activation
// loads only dist/extension.js.
import * as path from 'node:path';

/** dist/extension-core.js, beside this bundle. */
export const CORE_SCRIPT = path.join(__dirname, 'extension-core.js');
