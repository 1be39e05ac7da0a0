// The checker's bundle (dist/extension-core.js, see esbuild.mjs), in three roles:
// - the language server's process: the language client (client.ts) starts this file with Node
//   and `--stdio`; it serves diagnostics, quick fixes, hovers and completion (src/lsp);
// - in the extension host, loaded on first use through loadCore() (lazy.ts, never by a static
//   import): the checker and renderer for the preview, the checklist and the status bar;
// - the task's worker thread: the CLI (cli-task.ts).
// One bundle for the three, so the VSIX carries the checker (remark, yaml, ajv, jStat, …) once.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { nodeIo } from '../cli/io.js';
import { main } from '../cli/main.js';
import { startLanguageServer } from '../lsp/server.js';
import { version } from '../../package.json';
import { type CliJob, serveCli } from './cli-task.js';

export { analyzeDocument, BUNDLED_SCHEMA, createAnalysisCache, requiredSections } from '../core/index.js';
export { parseMarkdown } from '../core/parse.js';
export { reportingItems } from '../core/rules/reporting-item-missing.js';
export { renderReport, renderReportBody } from '../preview/render.js';
export { main as cliMain } from '../cli/main.js';
export { nodeIo } from '../cli/io.js';

// Started as the task's worker (cli-task.ts): run the CLI once.
const data = workerData as { trialReportCli?: CliJob } | null;
if (!isMainThread && parentPort && data?.trialReportCli) serveCli(parentPort, data.trialReportCli, { main, nodeIo });
// Started by the language client as the server's own process (this file is the main module).
else if (isMainThread && require.main?.filename === __filename) startLanguageServer(process.stdin, process.stdout, version);
