import { START } from '../lines.js';
import type { Rule } from './rule.js';

/** TR203: the custom schema cannot be read, is not JSON, or is not a valid schema. */
export const schemaUnavailable: Rule = {
  id: 'TR203',
  alias: 'schema-unavailable',
  defaultSeverity: 'error',
  description: 'a custom schema that cannot be read, is not JSON or is not a valid schema',
  fixable: false,
  needsFrontMatter: false,
  run({ model, schemaNotice }) {
    if (!schemaNotice) return [];
    return [{ ruleId: 'TR203', severity: schemaNotice.severity, message: schemaNotice.message, range: model.schemaRef?.range ?? START }];
  },
};
