import type { Finding } from '../types.js';
import { denominator, allResults, armById, type Rule } from './rule.js';

/** TR102: counts that cannot be, such as more events than patients. */
export const countExceedsDenominator: Rule = {
  id: 'TR102',
  alias: 'count-exceeds-denominator',
  defaultSeverity: 'error',
  description: 'more events than patients, analysed above randomised, result n above the arm',
  fixable: true,
  supersedes: [{ rule: 'TR105' }],
  needsFrontMatter: true,
  run({ model }) {
    const out: Finding[] = [];
    for (const arm of model.arms) {
      if (arm.analysed && arm.randomized && arm.analysed.value > arm.randomized.value) {
        out.push({
          ruleId: 'TR102',
          severity: 'error',
          message: `${arm.label}: ${arm.analysed.value} analysed is more than the ${arm.randomized.value} randomised to the arm.`,
          range: arm.analysed.range,
          expected: [arm.randomized.text],
          related: [{ message: `${arm.label}: ${arm.randomized.value} randomised`, range: arm.randomized.range }],
        });
      }
    }
    for (const { owner, result } of allResults(model)) {
      const arm = armById(model, result.armId);
      const armLabel = arm?.label ?? result.armId;
      if (result.n && arm?.randomized && result.n.value > arm.randomized.value) {
        out.push({
          ruleId: 'TR102',
          severity: 'error',
          message: `${owner}, ${armLabel}: n = ${result.n.value} is more than the ${arm.randomized.value} randomised to the arm.`,
          range: result.n.range,
          expected: [arm.randomized.text],
          related: [{ message: `${armLabel}: ${arm.randomized.value} randomised`, range: arm.randomized.range }],
        });
      }
      const n = denominator(result, arm);
      if (result.events && n && result.events.value > n.value) {
        out.push({
          ruleId: 'TR102',
          severity: 'error',
          message: `${owner}, ${armLabel}: ${result.events.value} events cannot happen in ${n.value} patients.`,
          range: result.events.range,
          related: [{ message: `${armLabel}: n = ${n.value}`, range: n.range }],
        });
      }
    }
    return out;
  },
};
