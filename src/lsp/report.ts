// Requests of this server's own, for what the VS Code extension keeps in the client: the
// Reporting Checklist and the status bar (`trialReport/analysis`) and the preview and Export as
// HTML (`trialReport/render`). Each answers for the document's current version as the server has
// it (the one its diagnostics are of), from the same check, so the client runs no checker.
// A document the server does not have open is checked from `text` when the client sends it.
import { reportingItems } from '../core/rules/reporting-item-missing.js';
import type { Range as CoreRange } from '../core/types.js';
import { type RenderOptions, renderReport, renderReportBody } from '../preview/render.js';
import type { Outcome } from './document-checks.js';

export { ANALYSIS_REQUEST, RENDER_REQUEST } from './methods.js';

export interface ReportParams {
  textDocument: { uri: string };
  /** The document's text, for one the server does not have open (else ignored). */
  text?: string;
}

export interface RenderParams extends ReportParams {
  options: RenderOptions;
  /** `body`: the report's inner HTML (the preview's in-place update); `page`: the whole page. */
  part: 'body' | 'page';
}

/** Why there is no report: what the preview says instead. */
export type NotChecked = { kind: 'not-trial' | 'disabled'; version: number } | { kind: 'too-large'; version: number; size: number; max: number };

export interface ChecklistItem {
  label: string;
  present: boolean;
  detail: string;
  /** Where the item is (1-based core range, as `trialReport.revealChecklistItem` takes it). */
  range: CoreRange;
}

/** Null: the server has no such document (and no text came with the request). */
export type AnalysisResult = { kind: 'checked'; version: number; schema: string; checklist: ChecklistItem[] } | NotChecked | null;
export type RenderResult = { kind: 'checked'; version: number; html: string } | NotChecked | null;

function notChecked(outcome: Exclude<Outcome, { kind: 'checked' }>): NotChecked {
  return outcome.kind === 'too-large' ? { kind: 'too-large', version: outcome.version, size: outcome.size, max: outcome.max } : { kind: outcome.kind, version: outcome.version };
}

export function analysisResult(outcome: Outcome | undefined): AnalysisResult {
  if (!outcome) return null;
  if (outcome.kind !== 'checked') return notChecked(outcome);
  const checklist = reportingItems(outcome.analysis.model).map((i) => ({ label: i.label, present: i.present, detail: i.detail, range: i.range }));
  return { kind: 'checked', version: outcome.version, schema: outcome.schema.name, checklist };
}

export function renderResult(outcome: Outcome | undefined, params: RenderParams): RenderResult {
  if (!outcome) return null;
  if (outcome.kind !== 'checked') return notChecked(outcome);
  const options: RenderOptions = { ...params.options, version: outcome.version };
  const html = params.part === 'body' ? renderReportBody(outcome.analysis, options) : renderReport(outcome.analysis, options);
  return { kind: 'checked', version: outcome.version, html };
}
