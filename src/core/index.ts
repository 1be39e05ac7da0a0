// The editor-free core: what `import 'trial-report'` resolves to.
export { checkDocument, analyzeDocument, isTrialFileName, type Analysis } from './check.js';
export { RULES, RULE_INFO, RULE_BY_ID, docsPath, type RuleMeta, type RuleMeta as RuleInfo, type Supersession } from './rules/index.js';
export { applyEdits, selectFixes } from './fixes.js';
export { BUNDLED_SCHEMA, compileSchema, requiredSections } from './schema.js';
export { LineIndex } from './lines.js';
export { createAnalysisCache } from './incremental.js';
export * from './types.js';
