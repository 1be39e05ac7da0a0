import type { Finding } from '../types.js';
import type { Rule } from './rule.js';

/**
 * TR199 (info, opt-in with `reportUnlinked`): a share or count in the body that names no single
 * arm and endpoint, so it was checked only for internal consistency (docs/linking.md: when
 * linking is ambiguous, do not guess). Lets a writer see which numbers the checks could not reach.
 */
export const unlinkedNumber: Rule = {
  id: 'TR199',
  alias: 'unlinked-number',
  defaultSeverity: 'info',
  description: 'a share or count in the body that could not be linked to an arm and an outcome',
  severityNote: 'info (off unless `reportUnlinked`)',
  fixable: false,
  needsFrontMatter: true,
  run({ model, reportUnlinked }) {
    if (!reportUnlinked) return [];
    const out: Finding[] = [];
    for (const m of model.mentions) {
      if ((m.kind !== 'share' && m.kind !== 'count') || m.relative || m.nonShare) continue;
      const hasFact = m.link.endpointId !== undefined || m.link.adverseEvent !== undefined;
      if (m.link.armId && hasFact) continue;
      const missing = !m.link.armId && !hasFact ? 'an arm or an endpoint' : !m.link.armId ? 'an arm' : 'an endpoint or adverse event';
      out.push({
        ruleId: 'TR199',
        severity: 'info',
        message: `${m.text.replace(/\s+/g, ' ')} is not linked to ${missing}, so it was not compared with the front matter. Name the arm and the outcome in the same sentence (or table row and header) to have it checked.`,
        range: m.range,
      });
    }
    return out;
  },
};
