// Everything the extension loads on first use, built as its own bundle (dist/extension-core.js,
// see esbuild.mjs): the checker (remark, yaml, ajv, jStat, …), the preview renderer, hovers and
// completion, and the CLI for the task. dist/extension.js holds only the glue that activation
// runs; it reaches this module through loadCore() (lazy.ts), never by a static import.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { analyzeDocument, BUNDLED_SCHEMA, createAnalysisCache } from '../core/index.js';
import { serveChecks } from './check-worker.js';

export { analyzeDocument, BUNDLED_SCHEMA, createAnalysisCache, requiredSections } from '../core/index.js';
export { parseMarkdown } from '../core/parse.js';
export { reportingItems } from '../core/rules/reporting-item-missing.js';
export { renderReport, renderReportBody } from '../preview/render.js';
export { main as cliMain } from '../cli/main.js';
export { nodeIo } from '../cli/io.js';
export { completionsAt, hoverAt } from './assist.js';

// Started as the check worker (check-worker.ts): serve jobs instead of being a library.
if (!isMainThread && parentPort && (workerData as { trialReportCheckWorker?: unknown } | null)?.trialReportCheckWorker === true) {
  serveChecks(parentPort, { analyzeDocument, createAnalysisCache, BUNDLED_SCHEMA });
}
