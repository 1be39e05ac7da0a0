import type { ValidateFunction } from 'ajv';
import type { RoundingPolicy } from '../numbers.js';
import type { ParsedDocument } from '../parse.js';
import type { FrontMatterReader } from '../model.js';
import type { Finding, Severity, TrialModel, Arm, ArmResult, WrittenNumber, Range } from '../types.js';

export interface RuleContext {
  model: TrialModel;
  doc: ParsedDocument;
  /** Absent when the front matter is missing or does not parse. */
  fm?: FrontMatterReader;
  /** The active schema (bundled or custom), already loaded. */
  schema: object;
  /** TR202 findings from the YAML parser. */
  syntaxErrors: Finding[];
  /** The active schema compiled, or why it could not be used. */
  schemaState: { ok: true; validate: ValidateFunction } | { ok: false };
  /** Why a requested custom schema is not in use (TR203). */
  schemaNotice?: { message: string; severity: Severity };
  /** How shares are assumed to be rounded (options.rounding). */
  rounding: RoundingPolicy;
  /** `reportUnlinked` from the options: TR199 runs only when asked. */
  reportUnlinked: boolean;
  /** Findings of rules that ran earlier, for "one finding per defect" (docs/rules/README.md). */
  earlier: readonly Finding[];
}

export interface Rule {
  id: string;
  alias: string;
  defaultSeverity: Severity;
  /** Rules that need a parsed front matter are skipped without one. */
  needsFrontMatter: boolean;
  run(ctx: RuleContext): Finding[];
}

/**
 * The denominator a result is a share of: its own n, else the arm's analysed, else randomised
 * (docs/format.md). None when the writer marked it unknown (`n: null`): untestable, so silent.
 */
export function denominator(result: ArmResult, arm: Arm | undefined): WrittenNumber | undefined {
  if (result.nUnknown) return undefined;
  return result.n ?? arm?.analysed ?? arm?.randomized;
}

export function armById(model: TrialModel, id: string): Arm | undefined {
  return model.arms.find((a) => a.id === id);
}

/** Every result block of the document: endpoints' and adverse events'. */
export function allResults(model: TrialModel): { owner: string; result: ArmResult }[] {
  const out: { owner: string; result: ArmResult }[] = [];
  for (const e of model.endpoints) for (const r of e.results) out.push({ owner: e.label, result: r });
  for (const a of model.adverseEvents) for (const r of a.results) out.push({ owner: a.term, result: r });
  return out;
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.column === b.start.column && a.end.line === b.end.line && a.end.column === b.end.column;
}

/** True when an earlier finding of one of `ruleIds` at error severity sits on `range`. */
export function flagged(ctx: RuleContext, range: Range, ruleIds: string[], errorsOnly = true): boolean {
  return ctx.earlier.some((f) => ruleIds.includes(f.ruleId) && (!errorsOnly || f.severity === 'error') && sameRange(f.range, range));
}

export function lineOf(r: Range): number {
  return r.start.line;
}
