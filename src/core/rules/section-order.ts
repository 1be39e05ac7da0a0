import { requiredSections } from '../schema.js';
import type { Finding } from '../types.js';
import type { Rule } from './rule.js';
import { matchSections } from './sections.js';

/** TR302: required sections present but out of order. */
export const sectionOrder: Rule = {
  id: 'TR302',
  alias: 'section-order',
  defaultSeverity: 'info',
  description: 'required sections out of order',
  fixable: false,
  needsFrontMatter: false,
  run({ model, schema }) {
    const required = requiredSections(schema);
    const found = matchSections(model.sections, required);
    const out: Finding[] = [];
    let last = -1;
    let lastName = '';
    found.forEach((idx) => {
      if (idx === undefined) return;
      const section = model.sections[idx]!;
      if (idx < last) {
        out.push({
          ruleId: 'TR302',
          severity: 'info',
          message: `"${section.title}" comes before "${lastName}"; the expected order is ${required.map((r) => r[0]).join(', ')}.`,
          range: section.range,
        });
      } else {
        last = idx;
        lastName = model.sections[idx]!.title;
      }
    });
    return out;
  },
};
