import { formatShare, scaled, shareFits, shareFitsTruncated } from '../numbers.js';
import type { Finding } from '../types.js';
import { allResults, armById, type Rule } from './rule.js';

/** TR103 in the front matter: `events`, `n` and `percent` of one result that disagree. */
export const percentCountMismatch: Rule = {
  id: 'TR103',
  alias: 'percent-count-mismatch',
  defaultSeverity: 'error',
  needsFrontMatter: true,
  run({ model }) {
    const out: Finding[] = [];
    for (const { owner, result } of allResults(model)) {
      const { events, percent } = result;
      if (!events || !percent || result.estimate) continue;
      const arm = armById(model, result.armId);
      const n = result.n ?? arm?.analysed ?? arm?.randomized;
      const p = scaled(percent.text);
      if (!n || !p || n.value <= 0 || events.value > n.value || !Number.isInteger(events.value)) continue;
      if (shareFits(p, events.value, n.value)) continue;
      const exact = formatShare(events.value, n.value, Math.max(1, p.decimals));
      const atPrecision = formatShare(events.value, n.value, p.decimals);
      const truncated = shareFitsTruncated(p, events.value, n.value);
      out.push({
        ruleId: 'TR103',
        severity: truncated ? 'warning' : 'error',
        message: truncated
          ? `${owner}, ${arm?.label ?? result.armId}: ${events.value}/${n.value} is ${exact}%; ${percent.text}% is consistent only if ${exact} was truncated to ${percent.text}. Rounded, it is ${atPrecision}%.`
          : `${owner}, ${arm?.label ?? result.armId}: ${events.value}/${n.value} is ${exact}%, not ${percent.text}%.`,
        range: percent.range,
        expected: [atPrecision],
        related: [
          { message: `${events.value} events`, range: events.range },
          { message: `n = ${n.value}`, range: n.range },
        ],
      });
    }
    return out;
  },
};
