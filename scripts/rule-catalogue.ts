// Everything that lists the rules is generated from the rules' own metadata (src/core/rules/*.ts,
// `RuleMeta`), so adding or renaming a rule cannot leave a stale copy: the README's rules table,
// the per-rule settings in package.json (`trialReport.rules`) and the `rules` part of
// schemas/trialreportrc.schema.json. `npm run generate` writes them (scripts/generate-rules.mjs);
// test/docs/generated.test.ts fails when a file differs from what this module makes of it.
import { docsPath, RULE_INFO, type RuleMeta } from '../src/core/rules/index.js';

const SEVERITIES = ['error', 'warning', 'info', 'off'] as const;
const SEVERITY_TEXT = ['Report as an error.', 'Report as a warning.', 'Report as information.', 'Do not run this rule.'];

export const TABLE_START = '<!-- rules-table: generated from the rules\' metadata by `npm run generate`; do not edit -->';
export const TABLE_END = '<!-- rules-table: end -->';

/** Rules a user can configure: all but the engine's own (TR900). */
function configurable(): RuleMeta[] {
  return RULE_INFO.filter((r) => !r.internal);
}

const escapeCell = (s: string): string => s.replace(/\|/g, '\\|');

/** The README's table of rules, between its markers. */
export function rulesTable(): string {
  const rows = RULE_INFO.map((r) => {
    const severity = r.severityNote ?? r.defaultSeverity;
    const fix = r.fixable ? 'yes' : '';
    return `| [${r.id}](${docsPath(r.id)}) | ${r.alias} | ${escapeCell(severity)}${r.internal ? ' (cannot be turned off)' : ''} | ${fix} | ${escapeCell(r.description)} |`;
  });
  return [TABLE_START, '', '| id | alias | default | fix | detects |', '| --- | --- | --- | --- | --- |', ...rows, '', TABLE_END].join('\n');
}

/** One rule's entry in a settings or configuration schema. */
function ruleProperty(r: RuleMeta, markdown: boolean): Record<string, unknown> {
  const prop: Record<string, unknown> = {
    type: 'string',
    enum: [...SEVERITIES],
    enumDescriptions: SEVERITY_TEXT,
    description: `${r.id} ${r.alias} (default: ${r.defaultSeverity}): ${r.description.replace(/`/g, '')}.`,
  };
  if (markdown) prop['markdownDescription'] = `[${r.id} ${r.alias}](${docsPath(r.id)}) (default: \`${r.defaultSeverity}\`): ${r.description}.`;
  return prop;
}

/**
 * `rules` in schemas/trialreportrc.schema.json: every configurable rule id, nothing else. Compact
 * (the ids as `propertyNames`, not one property each): both hosts bundle a validator compiled
 * from this schema, the extension into the code it loads at activation, and one property per
 * rule made that code 15 KB (the settings in package.json, which only VS Code reads, carry the
 * per-rule descriptions).
 */
export function configRulesSchema(): Record<string, unknown> {
  return {
    type: 'object',
    description: `Per-rule severity: rule id → "error", "warning", "info" or "off". Example: { "TR302": "off", "TR104": "warning" }. Rules: ${configurable().map((r) => `${r.id} ${r.alias}`).join(', ')}.`,
    propertyNames: { enum: configurable().map((r) => r.id) },
    additionalProperties: { type: 'string', enum: [...SEVERITIES], enumDescriptions: SEVERITY_TEXT },
  };
}

/** `trialReport.rules` in package.json's settings. */
export function settingsRulesSchema(): Record<string, unknown> {
  return {
    type: 'object',
    default: {},
    scope: 'resource',
    description: 'Per-rule severity overrides: rule id (TRnnn) → "error", "warning", "info" or "off".',
    markdownDescription: 'Per-rule severity overrides: rule id → `"error"`, `"warning"`, `"info"` or `"off"`. Example: `{ "TR302": "off", "TR104": "warning" }`.',
    properties: Object.fromEntries(configurable().map((r) => [r.id, ruleProperty(r, true)])),
    additionalProperties: false,
  };
}

export interface CatalogueFiles {
  readme: string;
  configSchema: string;
  packageJson: string;
}

const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/** The three files with their generated parts replaced; the rest is kept as it is. */
export function regenerate(files: CatalogueFiles): CatalogueFiles {
  const start = files.readme.indexOf(TABLE_START);
  const end = files.readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no rules table between "${TABLE_START}" and "${TABLE_END}"`);
  const readme = files.readme.slice(0, start) + rulesTable() + files.readme.slice(end + TABLE_END.length);

  const config = JSON.parse(files.configSchema) as { properties: Record<string, unknown> };
  config.properties['rules'] = configRulesSchema();

  const pkg = JSON.parse(files.packageJson) as { contributes: { configuration: { properties: Record<string, unknown> } } };
  pkg.contributes.configuration.properties['trialReport.rules'] = settingsRulesSchema();

  return { readme, configSchema: json(config), packageJson: json(pkg) };
}
