import { schemaFindings } from '../schema.js';
import { START } from '../lines.js';
import type { Finding } from '../types.js';
import type { Rule } from './rule.js';

/** TR201: the front matter against the active schema, plus the uniqueness JSON Schema cannot say. */
export const schemaViolation: Rule = {
  id: 'TR201',
  alias: 'schema-violation',
  defaultSeverity: 'error',
  description: 'the front matter against the schema, at the exact key or value',
  fixable: true,
  supersedes: [{ rule: 'TR105' }],
  needsFrontMatter: false,
  run({ model, fm, schemaState, syntaxErrors }) {
    if (!schemaState.ok || syntaxErrors.length > 0) return [];
    const fence = model.frontMatter?.range;
    if (!fence || !fm) {
      return [{ ruleId: 'TR201', severity: 'error', message: 'This trial summary has no front matter. Start the file with a YAML block between --- lines holding at least `trial` (with `title` and `randomized`) and `arms`.', range: START }];
    }
    const fenceLine = { start: fence.start, end: { line: fence.start.line, column: 4 } };
    const data = model.frontMatter?.data;
    if (data === null || data === undefined) {
      return [{ ruleId: 'TR201', severity: 'error', message: 'The front matter is empty; a trial summary needs at least `trial` (with `title` and `randomized`) and `arms`.', range: fenceLine }];
    }
    const out: Finding[] = schemaFindings(data, schemaState.validate, fm, fenceLine);
    for (const d of model.frontMatter?.duplicateKeys ?? []) {
      out.push({
        ruleId: 'TR201',
        severity: 'error',
        message: `\`${d.key}\` and \`${d.other}\` are the same key in two spellings; keep one (the first one written is used).`,
        range: d.at ?? fenceLine,
        ...(d.otherAt ? { related: [{ message: `\`${d.other}\` written here`, range: d.otherAt }] } : {}),
      });
    }
    const dup = (items: { id: string; idRange: Finding['range'] }[], what: string): void => {
      const seen = new Map<string, Finding['range']>();
      for (const it of items) {
        const first = seen.get(it.id);
        if (first) out.push({ ruleId: 'TR201', severity: 'error', message: `${what} id \`${it.id}\` is used twice; ids must be unique.`, range: it.idRange, related: [{ message: 'first used here', range: first }] });
        else seen.set(it.id, it.idRange);
      }
    };
    dup(model.arms, 'Arm');
    dup(model.endpoints, 'Endpoint');
    return out;
  },
};
