import { START } from '../lines.js';
import { joinWords } from '../numbers.js';
import { requiredSections } from '../schema.js';
import type { Finding } from '../types.js';
import type { Rule } from './rule.js';
import { matchSections } from './sections.js';

/** TR301: a section the schema requires is absent. */
export const missingSection: Rule = {
  id: 'TR301',
  alias: 'missing-section',
  defaultSeverity: 'warning',
  needsFrontMatter: false,
  run({ model, schema }) {
    const required = requiredSections(schema);
    const found = matchSections(model.sections, required);
    const title = model.headings.find((h) => h.depth === 1);
    const range = title?.range ?? START;
    const out: Finding[] = [];
    required.forEach((names, i) => {
      if (found[i] !== undefined) return;
      out.push({
        ruleId: 'TR301',
        severity: 'warning',
        message: `The required section "${names[0]}" is missing${names.length > 1 ? ` (also accepted: ${joinWords(names.slice(1), 'or')})` : ''}; add it as a level-2 heading: ## ${names[0]}.`,
        range,
        expected: [`## ${names[0]}`],
      });
    });
    return out;
  },
};
