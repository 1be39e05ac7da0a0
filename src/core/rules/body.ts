// Resolving what a body mention refers to in the front matter; shared by the TR1xx rules that
// read prose and tables.
import type { ArmResult, Endpoint, Mention, TrialModel, WrittenNumber } from '../types.js';
import { armById } from './rule.js';

/** The front-matter result a mention is linked to: (arm, endpoint) or (arm, adverse event). */
export function linkedResult(model: TrialModel, m: Mention): { result: ArmResult; owner: string; endpoint?: Endpoint } | undefined {
  const { armId, endpointId, adverseEvent } = m.link;
  if (!armId) return undefined;
  if (endpointId) {
    const ep = model.endpoints.find((e) => e.id === endpointId);
    const result = ep?.results.find((r) => r.armId === armId);
    return ep && result ? { result, owner: ep.label, endpoint: ep } : undefined;
  }
  if (adverseEvent !== undefined) {
    const ae = model.adverseEvents[adverseEvent];
    const result = ae?.results.find((r) => r.armId === armId);
    return ae && result ? { result, owner: ae.term } : undefined;
  }
  return undefined;
}

/**
 * The denominator a share in the body is taken of: written beside it (or in its table header),
 * else the linked result's n, else the arm's analysed, else its randomised number. `others`
 * lists the other denominators stated for the arm (docs/rules/TR104.md: a warning if one fits).
 */
export function bodyDenominator(model: TrialModel, m: Mention): { n: WrittenNumber; others: WrittenNumber[] } | undefined {
  const arm = m.link.armId ? armById(model, m.link.armId) : undefined;
  const result = linkedResult(model, m)?.result;
  // The writer said the denominator is unknown: only a number written with the mention counts.
  if (result?.nUnknown && (!m.total || m.totalFromContext)) return undefined;
  const candidates = [m.total, result?.n, arm?.analysed, arm?.randomized].filter((x): x is WrittenNumber => !!x && Number.isInteger(x.value) && x.value > 0);
  const n = candidates[0];
  if (!n) return undefined;
  const others = candidates.slice(1).filter((o, i, a) => o.value !== n.value && a.findIndex((x) => x.value === o.value) === i);
  return { n, others };
}

/** Replacement text in the mention's own style: "60.5%" in prose, "60.5" in an "n (%)" cell. */
export function percentUnit(m: Mention): string {
  return /%|per\s?cent/i.test(m.text) ? '%' : '';
}
