// `trialReport.*` settings → checker options. Pure (no `vscode`): the extension hands in a
// getter and the `inspect()` result of `trialReport.schema`, so the mapping and the workspace
// trust rule are unit-tested.
import * as path from 'node:path';
import { type Rounding, ROUNDINGS } from '../core/types.js';
import { type RuleSetting, settingProblem } from '../host/config.js';
import { isAbsoluteSchemaPath, resolveSchemaPath } from '../host/schema-source.js';

export type { RuleSetting };

export interface TrialReportSettings {
  enable: boolean;
  /** The `trialReport.schema` value that applies (trust already taken into account), or undefined. */
  schema: string | undefined;
  rules: Record<string, RuleSetting>;
  debounceMs: number;
  maxFileSize: number;
  reportUnlinked: boolean;
  /** How shares are assumed to be rounded (docs/rules/README.md, arithmetic rule 3 is `charitable`). */
  rounding: Rounding;
}

export const DEFAULTS = {
  enable: true,
  debounceMs: 300,
  maxFileSize: 2_000_000,
} as const;

/** The parts of `WorkspaceConfiguration.inspect()` that matter here. */
export interface SchemaInspection {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
  defaultLanguageValue?: unknown;
  globalLanguageValue?: unknown;
  workspaceLanguageValue?: unknown;
  workspaceFolderLanguageValue?: unknown;
}

export interface SchemaChoice {
  value: string | undefined;
  /** Why a configured value was not used (for the log), if one was dropped. */
  ignored?: string;
}

function nonEmpty(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/**
 * The `trialReport.schema` value to use. In a trusted workspace the most specific value wins;
 * in Restricted Mode only the user's own (global) value counts, and only when it is an absolute
 * path: a relative one would resolve into the workspace, i.e. load a workspace-supplied schema.
 */
export function chooseSchemaSetting(inspect: SchemaInspection | undefined, trusted: boolean): SchemaChoice {
  if (!inspect) return { value: undefined };
  const workspace =
    nonEmpty(inspect.workspaceFolderLanguageValue) ?? nonEmpty(inspect.workspaceLanguageValue) ??
    nonEmpty(inspect.workspaceFolderValue) ?? nonEmpty(inspect.workspaceValue);
  const user = nonEmpty(inspect.globalLanguageValue) ?? nonEmpty(inspect.globalValue) ??
    nonEmpty(inspect.defaultLanguageValue) ?? nonEmpty(inspect.defaultValue);
  if (trusted) return { value: workspace ?? user };
  if (user !== undefined && !isAbsoluteSetting(user)) {
    return { value: undefined, ignored: `trialReport.schema "${user}" is relative to the workspace; it takes effect once the folder is trusted.` };
  }
  if (workspace !== undefined) {
    return { value: user, ignored: `The workspace's trialReport.schema "${workspace}" takes effect once the folder is trusted.` };
  }
  return { value: user };
}

/** Names one file whatever the workspace: absolute (any OS's form), a `file:` URL, or below `~`. */
function isAbsoluteSetting(p: string): boolean {
  return isAbsoluteSchemaPath(p) || p.startsWith('~/') || p === '~';
}

/**
 * Resolves a `trialReport.schema` path: `~` is the home directory, `${workspaceFolder}` and
 * relative paths are the document's workspace folder; the rest as any schema reference
 * (resolveSchemaPath: absolute paths of any OS, `file:` URLs, nothing remote).
 */
export function resolveSchemaSetting(
  value: string,
  workspaceFolder: string | undefined,
  home: string,
): { path: string } | { error: string } {
  let p = value.trim();
  if (p === '~' || p.startsWith('~/')) return { path: path.join(home, p.slice(1)) };
  if (p.includes('${workspaceFolder}')) {
    if (!workspaceFolder) return { error: `Cannot read the schema ${value}: the document is in no workspace folder.` };
    p = p.split('${workspaceFolder}').join(workspaceFolder);
  }
  return resolveSchemaPath(p, workspaceFolder, { needsBase: 'the document to be in a workspace folder', shown: value });
}

/**
 * `trialReport.rules` → per-rule overrides; invalid entries are dropped and listed. Ids and
 * severities are read leniently (`tr104`, `Error`, `information`), then checked against the
 * `rules` part of schemas/trialreportrc.schema.json, as `.trialreportrc.json` is.
 */
export function normalizeRules(raw: unknown): { rules: Record<string, RuleSetting>; invalid: string[] } {
  const rules: Record<string, RuleSetting> = {};
  const invalid: string[] = [];
  if (raw === undefined || raw === null) return { rules, invalid };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { rules, invalid: [`trialReport.rules (${settingProblem('rules', raw) ?? 'not an object'})`] };
  for (const [k, v] of Object.entries(raw)) {
    const id = k.trim().toUpperCase();
    const sev = typeof v === 'string' ? v.trim().toLowerCase() : v;
    const value = sev === 'information' ? 'info' : sev;
    const problem = settingProblem('rules', { [id]: value });
    if (problem) {
      invalid.push(`trialReport.rules entry ${k}: ${JSON.stringify(v)} (${problem})`);
      continue;
    }
    rules[id] = value as RuleSetting;
  }
  return { rules, invalid };
}

function numberIn(v: unknown, min: number, max: number, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.round(v))) : fallback;
}

/** `trialReport.rounding`; anything else (or nothing) is the charitable default. */
export function roundingOf(v: unknown): Rounding {
  return ROUNDINGS.find((r) => r === v) ?? 'charitable';
}

/** Reads every setting through `get` (a `WorkspaceConfiguration` scoped to the document). */
export function readSettings(
  get: (key: string) => unknown,
  schemaInspect: SchemaInspection | undefined,
  trusted: boolean,
): { settings: TrialReportSettings; warnings: string[] } {
  const { rules, invalid } = normalizeRules(get('rules'));
  const schema = chooseSchemaSetting(schemaInspect, trusted);
  const enable = get('enable');
  const settings: TrialReportSettings = {
    enable: typeof enable === 'boolean' ? enable : DEFAULTS.enable,
    schema: schema.value,
    rules,
    debounceMs: numberIn(get('debounceMs'), 0, 10_000, DEFAULTS.debounceMs),
    maxFileSize: numberIn(get('maxFileSize'), 0, Number.MAX_SAFE_INTEGER, DEFAULTS.maxFileSize),
    reportUnlinked: get('reportUnlinked') === true,
    rounding: roundingOf(get('rounding')),
  };
  const warnings = invalid.map((e) => `Ignoring ${e}.`);
  if (schema.ignored) warnings.push(schema.ignored);
  return { settings, warnings };
}

/**
 * A cheap first look, before parsing: `*.trial.md`, or a front matter block with a top-level
 * `trial:` key. False only when the core would certainly say "not a trial summary". `text` may
 * be a function, called only when the name does not decide (an editor builds a document's text
 * on each request).
 */
export function mayBeTrialSummary(fileName: string | undefined, textOf: string | (() => string)): boolean {
  if (fileName && /\.trial\.md$/i.test(fileName)) return true;
  const text = typeof textOf === 'string' ? textOf : textOf();
  if (!/^\uFEFF?---[ \t]*\r?\n/.test(text)) return false;
  return /^trial[ \t]*:/m.test(text);
}
