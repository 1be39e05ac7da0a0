// Everything the extension loads on first use, built as its own bundle (dist/extension-core.js,
// see esbuild.mjs): the checker (remark, yaml, ajv, jStat, …), the preview renderer, hovers and
// completion, and the CLI for the task. dist/extension.js holds only the glue that activation
// runs; it reaches this module through loadCore() (lazy.ts), never by a static import.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { analyzeDocument, BUNDLED_SCHEMA, createAnalysisCache } from '../core/index.js';
import { renderReportBody } from '../preview/render.js';
import { nodeIo } from '../cli/io.js';
import { main } from '../cli/main.js';
import { type CliJob, serveChecks, serveCli } from './check-worker.js';

export { analyzeDocument, BUNDLED_SCHEMA, createAnalysisCache, requiredSections } from '../core/index.js';
export { parseMarkdown } from '../core/parse.js';
export { reportingItems } from '../core/rules/reporting-item-missing.js';
export { renderReport, renderReportBody } from '../preview/render.js';
export { main as cliMain } from '../cli/main.js';
export { nodeIo } from '../cli/io.js';
export { completionsAt, hoverAt } from './assist.js';

// Started as a worker (check-worker.ts): serve check jobs, or run the task's CLI once.
const data = workerData as { trialReportCheckWorker?: unknown; trialReportCli?: CliJob } | null;
if (!isMainThread && parentPort) {
  if (data?.trialReportCheckWorker === true) serveChecks(parentPort, { analyzeDocument, createAnalysisCache, renderReportBody, BUNDLED_SCHEMA });
  else if (data?.trialReportCli) serveCli(parentPort, data.trialReportCli, { main, nodeIo });
}
