import { parseFrontMatter, type NodeSpan } from './frontmatter.js';
import { normaliseSpelling } from './spelling.js';
import { type LineIndex, START } from './lines.js';
import { buildFrontMatterModel, FrontMatterReader } from './model.js';
import { chunkCacheOf } from './incremental.js';
import { linkMentions } from './linking.js';
import { parseMarkdown, type ParsedDocument } from './parse.js';
import { dedupe } from './dedupe.js';
import { fixesOf } from './fixes.js';
import { internalError, RULE_INFO, RULES, type Rule, type RuleContext } from './rules/index.js';
import type { FixContext } from './rules/rule.js';
import { BUNDLED_SCHEMA, compileSchema, requiredSections } from './schema.js';
import { applySuppressions } from './suppress.js';
import type { CheckOptions, CheckResult, Finding, Range, TrialModel } from './types.js';
import { append } from './arrays.js';

export interface Analysis extends CheckResult {
  /** The parsed document (mdast and line index), for renderers. */
  doc: ParsedDocument;
}

/** `*.trial.md`, or a top-level `trial:` mapping (docs/format.md, "Which files are trial summaries"). */
export function isTrialFileName(fileName: string | undefined): boolean {
  return !!fileName && /\.trial\.md$/i.test(fileName);
}

function emptyModel(): TrialModel {
  return { isTrialSummary: false, trial: { design: [] }, arms: [], endpoints: [], adverseEvents: [], headings: [], sections: [], tables: [], paragraphs: [], sentences: [], mentions: [], proseComparisons: [] };
}

/**
 * Parses, models and checks one document. Never throws on document content: content problems
 * are findings, and a rule that throws (a programmer error) becomes one TR900 finding while the
 * other rules still run. `rules` is for tests that run the rules in another order.
 */
export function analyzeDocument(text: string, options: CheckOptions = {}, rules: readonly Rule[] = RULES): Analysis {
  const cache = options.cache && chunkCacheOf(options.cache);
  const doc = parseMarkdown(text, cache);
  const model = emptyModel();
  model.headings = doc.headings;
  model.sections = doc.sections;
  model.tables = doc.tables;
  model.paragraphs = doc.paragraphs;

  let fm: FrontMatterReader | undefined;
  let syntaxErrors: Finding[] = [];
  let hasTrialKey = false;
  if (doc.yaml) {
    const yaml = doc.yaml;
    // The front matter opens the document, so the same YAML text parses to the same positions.
    const parsed = cache ? cache.memo(`fm\u0000${yaml.offset}\u0000${yaml.text}`, () => parseFrontMatter(yaml.text, yaml.offset, doc.lines)) : parseFrontMatter(yaml.text, yaml.offset, doc.lines);
    syntaxErrors = parsed.errors;
    model.frontMatter = {
      text: doc.yaml.text,
      range: doc.lines.range(doc.yaml.start, doc.yaml.end),
      offset: doc.yaml.offset,
      pointers: new Map(),
    };
    if (parsed.errors.length === 0) {
      // One spelling for the schema and the rules: `randomised` is read as `randomized`.
      const spelt = normaliseSpelling(parsed.data, parsed.spans);
      model.frontMatter.data = spelt.data;
      if (spelt.duplicates.length) {
        const keyRange = (sp: NodeSpan | undefined): Range | undefined => (sp ? doc.lines.range(sp.keyStart ?? sp.start, sp.keyEnd ?? sp.end) : undefined);
        model.frontMatter.duplicateKeys = spelt.duplicates.map((d) => ({ key: d.key, other: d.other, ...(d.at ? { at: keyRange(d.at)! } : {}), ...(d.otherAt ? { otherAt: keyRange(d.otherAt)! } : {}) }));
      }
      fm = new FrontMatterReader(spelt.spans, doc.lines);
      for (const [ptr, span] of spelt.spans) {
        model.frontMatter.pointers.set(ptr, {
          ...(span.keyStart !== undefined ? { key: doc.lines.range(span.keyStart, span.keyEnd ?? span.keyStart) } : {}),
          value: doc.lines.range(span.start, span.end),
        });
      }
      const d = spelt.data;
      hasTrialKey = typeof d === 'object' && d !== null && !Array.isArray(d) && typeof (d as Record<string, unknown>)['trial'] === 'object' && (d as Record<string, unknown>)['trial'] !== null;
      Object.assign(model, buildFrontMatterModel(d, fm));
    } else {
      // Broken YAML: still a trial summary if a top-level `trial:` key is visible.
      hasTrialKey = /^trial\s*:/m.test(doc.yaml.text);
    }
  }
  model.isTrialSummary = isTrialFileName(options.fileName) || hasTrialKey;
  if (!model.isTrialSummary) return { findings: [], model, suppressions: [], doc };
  const findings: Finding[] = [];
  try {
    Object.assign(model, cache && doc.chunks ? cache.link(model, doc) : linkMentions(model, doc.lines));
  } catch (e) {
    // A programmer error while reading the body must not cost the writer the other checks.
    findings.push({ ruleId: internalError.id, severity: internalError.defaultSeverity, message: `Internal error while reading the numbers of the body; prose and tables were not checked. ${(e as Error)?.message ?? String(e)}`, range: START });
  }

  let schema = options.schema ?? BUNDLED_SCHEMA;
  let problem = options.schemaProblem;
  // A document's own `$schema` wins over the setting, the way VS Code's YAML support does it.
  if (!problem && model.schemaRef && options.loadSchema) {
    const loaded = options.loadSchema(model.schemaRef.value);
    if ('schema' in loaded) schema = loaded.schema;
    else problem = { message: loaded.error, ...(loaded.severity ? { severity: loaded.severity } : {}) };
  }
  // An unusable schema is reported once (TR203). At error severity validation is skipped rather
  // than run against the wrong schema; an info (untrusted workspace) keeps the bundled one.
  let schemaNotice: RuleContext['schemaNotice'];
  let schemaState: RuleContext['schemaState'] = { ok: false };
  if (problem) {
    schemaNotice = { message: problem.message, severity: problem.severity ?? 'error' };
    if (schemaNotice.severity === 'info') schema = BUNDLED_SCHEMA;
  }
  if (!schemaNotice || schemaNotice.severity === 'info') {
    const compiled = compileSchema(schema);
    if (compiled.ok) schemaState = compiled;
    else schemaNotice = { message: `The custom schema is not a valid JSON Schema: ${compiled.message}. Checking without schema validation.`, severity: 'error' };
  }

  const ctx: RuleContext = { model, doc, ...(fm ? { fm } : {}), schema, schemaState, ...(schemaNotice ? { schemaNotice } : {}), syntaxErrors, rounding: options.rounding ?? 'charitable', reportUnlinked: options.reportUnlinked === true };
  for (const rule of rules) {
    if (rule.needsFrontMatter && !fm) continue;
    if (options.rules?.[rule.id] === 'off') continue;
    try {
      append(findings, rule.run(ctx));
    } catch (e) {
      findings.push({
        ruleId: internalError.id,
        severity: internalError.defaultSeverity,
        message: `Internal error in ${rule.id} (${rule.alias}); the other checks ran. ${(e as Error)?.message ?? String(e)}`,
        range: START,
      });
    }
  }
  // One finding per defect, whatever order the rules ran in; then each finding's fixes.
  const fixCtx: FixContext = { model, lines: doc.lines, requiredSections: requiredSections(schema) };
  const byId = new Map(rules.map((r) => [r.id, r]));
  const fixed = dedupe(findings, RULE_INFO).map((f) => {
    const aligned = unitAligned(f, doc.lines);
    const fixes = fixesOf(aligned, byId.get(aligned.ruleId), fixCtx);
    return fixes.length ? { ...aligned, fixes } : aligned;
  });
  const { kept, suppressions } = applySuppressions(fixed, doc.comments, doc.lines);
  const final = kept
    .filter((f) => f.ruleId === internalError.id || options.rules?.[f.ruleId] !== 'off')
    .map((f) => {
      const s = options.rules?.[f.ruleId];
      return s && s !== 'off' && f.ruleId !== internalError.id ? { ...f, severity: s } : f;
    })
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column || a.ruleId.localeCompare(b.ruleId));
  return { findings: final, model, suppressions, doc };
}

/**
 * A share's `expected` values replace its range (its fixes are made from them). Share rules give
 * a value with its sign ("23.7%") while a share's range covers the number only, so take a `%`
 * written right after it into the range; where the unit is apart or spelt out ("60 %", "60 per cent"), drop the sign from the values.
 */
export function unitAligned(f: Finding, lines: LineIndex): Finding {
  const expected = f.expected;
  if (!expected?.length || !expected.every((v) => v.endsWith('%'))) return f;
  const start = lines.offset(f.range.start);
  const end = lines.offset(f.range.end);
  if (lines.text.slice(start, end).endsWith('%')) return f;
  if (lines.text.charCodeAt(end) === 37 /* % */) return { ...f, range: { start: f.range.start, end: lines.position(end + 1) } };
  return { ...f, expected: expected.map((v) => v.slice(0, -1)) };
}

/** The library API (docs/architecture.md): text and options in, findings and model out. */
export function checkDocument(text: string, options: CheckOptions = {}): CheckResult {
  const { findings, model, suppressions } = analyzeDocument(text, options);
  return { findings, model, suppressions };
}
