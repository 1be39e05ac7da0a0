import type { Finding } from '../types.js';
import type { Rule } from './rule.js';

/** TR101: the arms' randomised numbers add up to the trial's, and follow the allocation ratio. */
export const armTotalMismatch: Rule = {
  id: 'TR101',
  alias: 'arm-total-mismatch',
  defaultSeverity: 'error',
  description: 'arms that do not add up to N; allocation ratio off by more than 10% (info)',
  fixable: true,
  needsFrontMatter: true,
  run({ model }) {
    const out: Finding[] = [];
    const total = model.trial.randomized;
    const sizes = model.arms.map((a) => a.randomized);
    if (model.arms.length === 0 || sizes.some((s) => s === undefined || !Number.isInteger(s.value))) return out;
    const sum = sizes.reduce((acc, s) => acc + (s?.value ?? 0), 0);
    if (total && Number.isInteger(total.value) && sum !== total.value) {
      out.push({
        ruleId: 'TR101',
        severity: 'error',
        message: `The arms add up to ${sum} randomised (${model.arms.map((a) => `${a.randomized?.value} ${a.label}`).join(' + ')}), but the trial says ${total.value}.`,
        range: total.range,
        expected: [String(sum)],
        related: model.arms.map((a) => ({ message: `${a.label}: ${a.randomized?.value} randomised`, range: a.randomized!.range })),
      });
    }
    const alloc = model.trial.allocation;
    if (!alloc) return out;
    const terms = alloc.value.split(':').map((t) => Number(t.trim()));
    if (terms.some((t) => !Number.isFinite(t) || t <= 0)) return out;
    if (terms.length !== model.arms.length) {
      out.push({
        ruleId: 'TR101',
        severity: 'warning',
        message: `The allocation ratio ${alloc.value} has ${terms.length} terms, but ${model.arms.length} arms are declared; write one term per arm.`,
        range: alloc.range,
      });
      return out;
    }
    // Info only: block randomisation and unequal drop-out before randomisation make small
    // departures normal; beyond ±10% the ratio and the arm sizes deserve a second look.
    const base = total?.value ?? sum;
    const r = terms.reduce((a, b) => a + b, 0);
    model.arms.forEach((arm, i) => {
      const want = (base * (terms[i] ?? 0)) / r;
      const got = arm.randomized!.value;
      if (want > 0 && Math.abs(got - want) > 0.1 * want) {
        out.push({
          ruleId: 'TR101',
          severity: 'info',
          message: `${arm.label} has ${got} randomised; the allocation ${alloc.value} of ${base} implies about ${Math.round(want)}.`,
          range: arm.randomized!.range,
          related: [{ message: `allocation ratio ${alloc.value}`, range: alloc.range }],
        });
      }
    });
    return out;
  },
};
