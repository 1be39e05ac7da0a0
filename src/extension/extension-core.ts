// The checker's bundle (dist/extension-core.js, see esbuild.mjs), never loaded into the extension
// host, in two roles:
// - the language server's process: the language client (client.ts) starts this file with Node
//   and `--stdio`; it serves diagnostics, quick fixes, hovers, completion, and the preview's,
//   checklist's and status bar's data (src/lsp);
// - the `trial-report` task's worker thread: the CLI (cli-task.ts).
// One bundle for both, so the VSIX carries the checker (remark, yaml, ajv, jStat, …) once.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { nodeIo } from '../cli/io.js';
import { main } from '../cli/main.js';
import { startLanguageServer } from '../lsp/server.js';
import { version } from '../../package.json';
import { type CliJob, serveCli } from './cli-task.js';

// What the server's preview update runs, for bench/run.mjs to time it in this bundle.
export { analyzeDocument, createAnalysisCache } from '../core/index.js';
export { renderReportBody } from '../preview/render.js';

// Started as the task's worker (cli-task.ts): run the CLI once.
const data = workerData as { trialReportCli?: CliJob } | null;
if (!isMainThread && parentPort && data?.trialReportCli) serveCli(parentPort, data.trialReportCli, { main, nodeIo });
// Started by the language client as the server's own process (this file is the main module).
else if (isMainThread && require.main?.filename === __filename) startLanguageServer(process.stdin, process.stdout, version);
