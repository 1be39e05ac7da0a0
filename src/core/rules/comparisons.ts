// Helpers shared by the interval and p-value rules (TR108–TR110, TR114).
import { writtenInterval } from '../numbers.js';
import type { Comparison, Measure, PValue, TrialModel, WrittenNumber } from '../types.js';

export const RATIO_MEASURES: readonly Measure[] = ['risk ratio', 'odds ratio', 'hazard ratio'];

export function isRatio(m: Measure | undefined): boolean {
  return !!m && RATIO_MEASURES.includes(m);
}

/** The null value of an effect: 1 for a ratio, 0 for a difference. */
export function nullOf(m: Measure): number {
  return isRatio(m) ? 1 : 0;
}

/**
 * `a > b` beyond floating-point noise: written intervals that touch (2.5 ± 0.05 against
 * 2.6 ± 0.05) must count as touching, though 2.5 + 0.05 > 2.6 − 0.05 in binary floats.
 */
export function above(a: number, b: number): boolean {
  return a > b + 1e-9 * Math.max(1, Math.abs(b));
}

export function interval(n: WrittenNumber): [number, number] {
  return writtenInterval(n.value, n.decimals);
}

/** The values a reported p can stand for: its rounding interval, or the side of its bound. */
export function pInterval(p: PValue): [number, number] {
  switch (p.op) {
    case '<':
    case '≤':
      return [0, p.value];
    case '>':
    case '≥':
      return [p.value, 1];
    default: {
      const [lo, hi] = writtenInterval(p.value, p.decimals);
      return [Math.max(0, lo), Math.min(1, hi)];
    }
  }
}

/** α implied by a comparison's confidence level: 95 → 0.05. */
export function alphaOf(c: Pick<Comparison, 'ciLevel'>): number {
  return 1 - c.ciLevel / 100;
}

/** "risk ratio of IL-2 1.0 MIU versus Placebo", with arm labels where the ids are declared. */
export function describe(c: Comparison, model: TrialModel): string {
  const m = c.measure?.value ?? 'comparison';
  const label = (id: string): string => model.arms.find((a) => a.id === id)?.label ?? id;
  return `${m}${c.arm && c.versus ? ` of ${label(c.arm.value)} versus ${label(c.versus.value)}` : ''}`;
}

/** A p value for a message: two significant digits, or scientific notation below 0.001. */
export function formatP(x: number): string {
  if (x < 0.001) return x.toExponential(1);
  return String(Number(x.toPrecision(2)));
}
