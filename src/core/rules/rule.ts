import type { ValidateFunction } from 'ajv';
import type { RoundingPolicy } from '../numbers.js';
import type { ParsedDocument } from '../parse.js';
import type { FrontMatterReader } from '../model.js';
import type { LineIndex } from '../lines.js';
import type { Finding, Fix, Severity, TrialModel, Arm, ArmResult, WrittenNumber, Range } from '../types.js';

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
}

/**
 * "One finding per defect" (docs/rules/README.md), declared rather than done by run order: a
 * finding of `rule` is removed when a finding of the declaring rule (at error severity only, with
 * `onlyAsError`) sits on its range or on one of the values it rests on (`Finding.about`).
 */
export interface Supersession {
  rule: string;
  onlyAsError?: boolean;
}

/**
 * What a rule is, apart from how it runs: the single source of the README's rules table, the
 * settings schema in package.json, the rules part of the configuration schema, the rule pages'
 * links and the dedupe pass.
 */
export interface RuleMeta {
  id: string;
  alias: string;
  /** One line: what the rule detects (README table, settings descriptions). */
  description: string;
  defaultSeverity: Severity;
  /** When the default severity needs a word ("error / warning", "info, off unless asked"). */
  severityNote?: string;
  /** Its findings carry fixes (`Finding.fixes`) an editor or `check --fix` can apply. */
  fixable: boolean;
  /** The findings of other rules that one of this rule's findings makes redundant. */
  supersedes?: readonly Supersession[];
  /** JSON Schema of the rule's options, when it has any. */
  options?: object;
  /**
   * Raised by the engine itself when a check fails, not by a document: it cannot be turned off
   * or have its severity changed, and its page has no example document.
   */
  internal?: boolean;
}

/** A rule's page, relative to the repository root (a diagnostic's code links to it). */
export function docsPath(id: string): string {
  return `docs/rules/${id}.md`;
}

export interface Rule extends RuleMeta {
  /** Rules that need a parsed front matter are skipped without one. */
  needsFrontMatter: boolean;
  run(ctx: RuleContext): Finding[];
  /**
   * The fixes of one of its findings, best first. Without it, a fixable rule's `expected` values
   * are replacement texts for the finding's range, one fix each.
   */
  fix?(finding: Finding, ctx: FixContext): Fix[];
}

/** What a rule's fix builder may read. */
export interface FixContext {
  model: TrialModel;
  lines: LineIndex;
  /** Accepted names of each required section, in order. */
  requiredSections: string[][];
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

export function lineOf(r: Range): number {
  return r.start.line;
}
