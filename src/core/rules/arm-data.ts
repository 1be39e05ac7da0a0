// The share of one arm as the front matter gives it: exact from events/n, or the rounding
// interval of a percentage. Used to recompute effects (TR110) and p values (TR114).
import { writtenInterval } from '../numbers.js';
import type { ArmResult, Endpoint, TrialModel } from '../types.js';
import { denominator, armById } from './rule.js';

export interface ArmShare {
  /** Proportion bounds in [0, 1]. */
  lo: number;
  hi: number;
  /** Present when events and n are both known integers. */
  counts?: { events: number; n: number };
}

export function armShare(model: TrialModel, ep: Endpoint, armId: string | undefined): ArmShare | undefined {
  if (!armId) return undefined;
  const r: ArmResult | undefined = ep.results.find((x) => x.armId === armId);
  if (!r || r.estimate) return undefined;
  const arm = armById(model, armId);
  const n = denominator(r, arm);
  if (r.events && n && Number.isInteger(r.events.value) && Number.isInteger(n.value) && n.value > 0 && r.events.value <= n.value) {
    const p = r.events.value / n.value;
    return { lo: p, hi: p, counts: { events: r.events.value, n: n.value } };
  }
  if (r.percent) {
    const [lo, hi] = writtenInterval(r.percent.value, r.percent.decimals);
    return { lo: Math.max(0, lo / 100), hi: Math.min(1, hi / 100) };
  }
  return undefined;
}
